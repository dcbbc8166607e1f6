// Deployment configuration for the meet web client. ./meet up overwrites this file; every value can
// also be overridden by URL parameters (domain, muc, focus, ws, bosh, preferBosh) for tests.
window.meetConfig = {
  hosts: {
    domain: 'meet.localhost', // XMPP domain, anonymous login
    muc: 'conference.meet.localhost', // conference rooms
    focus: 'focus.meet.localhost', // the focus (conference requests)
  },
  websocket: '/xmpp-websocket', // XMPP over WebSocket (preferred), proxied by the page's origin
  bosh: '/http-bind', // BOSH fallback
  preferSctp: true, // bridge channel over the SCTP data channel when offered, else colibri-ws
  simulcast: true,
};
