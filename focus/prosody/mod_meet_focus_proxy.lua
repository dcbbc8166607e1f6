-- mod_meet_focus_proxy: makes the focus reachable as focus.<domain> (jitsi-protocol.md 1.1).
--
-- Load it as the module of a component:
--   Component "focus.meet.jitsi" "meet_focus_proxy"
--     focus_proxy_target = "focus@auth.meet.jitsi"   -- the focus's account (bare JID)
--
-- An IQ get/set sent to focus.<domain> is forwarded to a connected session of the target
-- account (resource "focus" preferred) with
--   from = focus.<domain>/<original full JID>   to = <target full JID>
-- and the focus answers to that address; the answer (result/error) is routed back to the
-- original sender with from = focus.<domain>. The original JID travels in the resource, so the
-- module keeps no state. Unlike Jitsi's mod_client_proxy, sessions are found directly in
-- Prosody's session table, so the focus needs no presence subscription.
-- Without a connected focus session the sender gets service-unavailable; messages get
-- feature-not-implemented; presence is ignored.

local st = require "util.stanza";
local jid_split = require "util.jid".split;
local jid_bare = require "util.jid".bare;
local jid_prep = require "util.jid".prep;

local target = module:get_option_string("focus_proxy_target");
if not target then
	module:log("error", "focus_proxy_target is not set; the proxy will refuse every request");
end
local target_bare = target and jid_bare(target);
local preferred_resource = module:get_option_string("focus_proxy_resource", "focus");

local function target_session()
	if not target_bare then return nil; end
	local user = prosody.bare_sessions[target_bare];
	if not user or not user.sessions then return nil; end
	local preferred = user.sessions[preferred_resource];
	if preferred then return preferred; end
	for _, session in pairs(user.sessions) do
		return session;
	end
	return nil;
end

local function handle_iq(event)
	local origin, stanza = event.origin, event.stanza;
	local type = stanza.attr.type;
	local _, _, to_resource = jid_split(stanza.attr.to);
	if type == "get" or type == "set" then
		if to_resource then
			origin.send(st.error_reply(stanza, "cancel", "service-unavailable"));
			return true;
		end
		local session = target_session();
		if not session or not session.full_jid then
			module:log("debug", "no focus session for %s", stanza.attr.from or "?");
			origin.send(st.error_reply(stanza, "cancel", "service-unavailable", "The focus is not connected"));
			return true;
		end
		local forwarded = st.clone(stanza);
		forwarded.attr.from = module.host .. "/" .. (stanza.attr.from or "");
		forwarded.attr.to = session.full_jid;
		module:send(forwarded);
		return true;
	end
	-- result / error from the focus: de-NAT to the original sender.
	if not to_resource then return true; end
	local from_bare = stanza.attr.from and jid_bare(stanza.attr.from);
	if from_bare ~= target_bare then
		module:log("warn", "dropping %s IQ to %s from %s (not the focus)", type, stanza.attr.to, stanza.attr.from or "?");
		return true;
	end
	local original = jid_prep(to_resource);
	if not original then return true; end
	local answer = st.clone(stanza);
	answer.attr.from = module.host;
	answer.attr.to = original;
	module:send(answer);
	return true;
end

module:hook("iq/host", handle_iq, 10);
module:hook("iq/full", handle_iq, 10);
module:hook("iq/bare", handle_iq, 10);

module:hook("message/host", function(event)
	event.origin.send(st.error_reply(event.stanza, "cancel", "feature-not-implemented"));
	return true;
end);
module:hook("presence/host", function() return true; end);
module:hook("presence/full", function() return true; end);

module:log("info", "forwarding IQs for %s to %s", module.host, target or "(nobody)");
