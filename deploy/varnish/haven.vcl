# Varnish in front of Haven (Varnish 7.1, Debian's `varnish` package).
#
# Haven decides what may be cached: anonymous public pages answer
#   Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=N, stale-if-error=N
# and everything personal answers `private, no-store` (caching/middleware.py). This file
# only has to: pass what carries a session, strip cookies from everyone else so they share
# one copy, accept PURGE from the app (wagtail.contrib.frontend_cache, FRONTEND_CACHE_URL),
# and keep stale copies to serve while refreshing or while the app is failing.
# See docs/caching.md. Edit the backend and the purgers ACL for your servers.
vcl 4.1;

import std;

backend haven {
    .host = "127.0.0.1";
    .port = "8000";
    # The home page needs the database, so a failing database marks the app sick and
    # readers get the stale copies (stale-if-error) instead of errors. Tolerant on purpose:
    # an app that is only slow under a surge must not be declared sick.
    .probe = {
        .url = "/en/";
        .interval = 5s;
        .timeout = 10s;
        .window = 10;
        .threshold = 3;
        .initial = 3;
    }
    .first_byte_timeout = 60s;
}

# Who may PURGE: the app servers (publishing in the Wagtail admin sends the purges).
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed from this address"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # Form posts (sign, call, email), the admin's saves: never cached, cookies kept.
        return (pass);
    }
    # The admin, private documents and the form-token endpoint always reach the app.
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/form-token/") {
        return (pass);
    }
    # A browser with a session (an editor, a reader who has just acted) or a message
    # waiting sees personal pages: straight to the app. Keep these names in step with
    # SESSION_COOKIE_NAME and MESSAGE_STORAGE's cookie.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Everyone else shares one copy: analytics or stale CSRF cookies change nothing.
    unset req.http.Cookie;
    if (req.http.Authorization) {
        return (pass);
    }
    # While the app is healthy, serve a stale copy for at most the stale-while-revalidate
    # window (keep in step with HAVEN_CACHE_STALE_WHILE_REVALIDATE) and refresh it in the
    # background; while it is sick, serve whatever grace (stale-if-error) allows.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Varnish takes the TTL from s-maxage and the grace from stale-while-revalidate; keep the
    # object for stale-if-error too, so it can stand in while the app fails.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s",
            beresp.grace);
    }
    # A background refresh that fails keeps the stale copy in service.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Never store a response that sets a cookie (the built-in VCL also refuses them).
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    # For operators and tests: was this answer from the cache?
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
