#pragma once
// XML namespaces of the Jitsi wire protocol (shared/docs/jitsi-protocol.md, "Namespaces").

namespace meet::signaling::ns {

inline constexpr const char* kFocus = "http://jitsi.org/protocol/focus";
inline constexpr const char* kJitmeet = "http://jitsi.org/jitmeet";
inline constexpr const char* kJingle = "urn:xmpp:jingle:1";
inline constexpr const char* kJingleErrors = "urn:xmpp:jingle:errors:1";
inline constexpr const char* kRtp = "urn:xmpp:jingle:apps:rtp:1";
inline constexpr const char* kRtcpFb = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
inline constexpr const char* kHdrExt = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
inline constexpr const char* kSsma = "urn:xmpp:jingle:apps:rtp:ssma:0";
inline constexpr const char* kIceUdp = "urn:xmpp:jingle:transports:ice-udp:1";
inline constexpr const char* kDtls = "urn:xmpp:jingle:apps:dtls:0";
inline constexpr const char* kDtlsSctp = "urn:xmpp:jingle:transports:dtls-sctp:1";
inline constexpr const char* kGrouping = "urn:xmpp:jingle:apps:grouping:0";
inline constexpr const char* kColibri = "http://jitsi.org/protocol/colibri";
inline constexpr const char* kColibri2 = "jitsi:colibri2";
inline constexpr const char* kJibri = "http://jitsi.org/protocol/jibri";
inline constexpr const char* kHealthCheck = "http://jitsi.org/protocol/healthcheck";
inline constexpr const char* kHealth = "http://jitsi.org/protocol/health";
inline constexpr const char* kStartMuted = "http://jitsi.org/jitmeet/start-muted";
inline constexpr const char* kMuteAudio = "http://jitsi.org/jitmeet/audio";
inline constexpr const char* kMuteVideo = "http://jitsi.org/jitmeet/video";
inline constexpr const char* kMuteDesktop = "http://jitsi.org/jitmeet/desktop";
inline constexpr const char* kNick = "http://jabber.org/protocol/nick";
inline constexpr const char* kCaps = "http://jabber.org/protocol/caps";
inline constexpr const char* kMuc = "http://jabber.org/protocol/muc";
inline constexpr const char* kMucUser = "http://jabber.org/protocol/muc#user";
inline constexpr const char* kMucAdmin = "http://jabber.org/protocol/muc#admin";
inline constexpr const char* kMucOwner = "http://jabber.org/protocol/muc#owner";
inline constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
inline constexpr const char* kStanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";

}  // namespace meet::signaling::ns
