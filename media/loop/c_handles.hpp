#pragma once
// RAII owners for the GLib C handles the media library uses. Every GLib/GObject handle we own
// goes through one of these aliases, so no code calls *_unref by hand.

#include <glib-object.h>
#include <glib.h>

#include <memory>

namespace meet::media::loop {

struct GMainContextDeleter {
  void operator()(GMainContext* c) const noexcept { g_main_context_unref(c); }
};
struct GMainLoopDeleter {
  void operator()(GMainLoop* l) const noexcept { g_main_loop_unref(l); }
};
// A source we attached: destroying it detaches it from its context (no further dispatch once
// this returns, when called on the context's thread) and drops our reference.
struct GSourceDeleter {
  void operator()(GSource* s) const noexcept {
    g_source_destroy(s);
    g_source_unref(s);
  }
};
struct GObjectDeleter {
  void operator()(gpointer o) const noexcept { g_object_unref(o); }
};
struct GFreeDeleter {
  void operator()(gpointer p) const noexcept { g_free(p); }
};

using GMainContextPtr = std::unique_ptr<GMainContext, GMainContextDeleter>;
using GMainLoopPtr = std::unique_ptr<GMainLoop, GMainLoopDeleter>;
using GSourcePtr = std::unique_ptr<GSource, GSourceDeleter>;
// Any GObject subclass, e.g. GObjectPtr<NiceAgent>.
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;
using GCharPtr = std::unique_ptr<gchar, GFreeDeleter>;

}  // namespace meet::media::loop
