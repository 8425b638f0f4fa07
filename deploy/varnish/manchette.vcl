# Varnish in front of manchette: pages for anonymous readers kept by
# language, editors and commenters sent through, purged by surrogate key.
#
# Needs Varnish 7 and the xkey module (Debian: varnish varnish-modules).
# Point the backend at a manchette node (several: use a director), list
# the hosts that may purge in "purgers", and set MANCHETTE_VARNISH_URLS on
# every node to this Varnish's address. See docs/cache.md.
vcl 4.1;

import std;
import xkey;

backend manchette {
    .host = "127.0.0.1";
    .port = "8000";
}

# The manchette nodes: every purge comes from one of them.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        if (req.http.xkey-purge == "*") {
            ban("obj.status != 0");
            return (synth(200, "Purged everything"));
        }
        # Soft: the pages are expired, not dropped. The next reader of each is
        # given the old copy at once while Varnish fetches the new one (see
        # the grace below), so no reader waits behind a purge for a render.
        return (synth(200, "Purged " + xkey.softpurge(req.http.xkey-purge)));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Editors (session) and readers who commented (they see their own
    # comments, held or not) get pages made for them alone.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|manchette_commenter)=") {
        return (pass);
    }
    # The admin works with cookies of its own (CSRF, messages).
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    # A made-up port must not make another copy of every page.
    set req.http.Host = regsub(req.http.Host, ":[0-9]+$", "");
    # The reader's language, as the server would choose it: the language
    # cookie, else the first of the site's languages the browser asks for,
    # else none (the site's default). The server gets only that language,
    # and no cookie, so what it renders is what every reader of that
    # language may be given; the page says "Vary: Accept-Language".
    if (req.http.Cookie ~ "(^|;\s*)manchette_language=(fr|nl|de|en)(;|$)") {
        set req.http.Accept-Language = regsub(
            req.http.Cookie, "^(.*;\s*)?manchette_language=(fr|nl|de|en)(;.*)?$", "\2");
    } elsif (req.http.Accept-Language ~ "(?i)(^|,)\s*(fr|nl|de|en)(-[a-z0-9]+)*\s*(;|,|$)") {
        set req.http.Accept-Language = std.tolower(regsub(req.http.Accept-Language,
            "(?i)^.*?(^|,)\s*(fr|nl|de|en)(-[a-z0-9]+)*\s*(;.*|,.*|$)", "\2"));
    } else {
        unset req.http.Accept-Language;
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # One copy per language (the built-in rules add the address and host).
    hash_data(req.http.Accept-Language);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        # xkey files the page under the keys the server names; the page's
        # s-maxage (MANCHETTE_CACHE_MAX_AGE) is its lifetime here. Once it
        # is purged or past that lifetime, the old copy may still be given
        # for 2 s while its new version is fetched, once for all readers:
        # no one is given a page more than 2 s after its purge, and a node
        # slower than that makes readers wait rather than read old news.
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        set beresp.grace = 2s;
        # A node's copy from before a comment purge, given while that node
        # renders the page again (once a second at most): kept here for as
        # long rather than sending every reader to the nodes meanwhile, then,
        # like any page, given for 2 s while its next version (usually that
        # render, which a busy node may take over a second to give) is
        # fetched. Readers' browsers still get it as "no-store".
        if (beresp.http.X-Page-Cache == "stale") {
            set beresp.ttl = 1s;
            return (deliver);
        }
    } elsif (beresp.http.Cache-Control !~ "max-age") {
        # Only what the server says may be kept is: a 404 or a redirect with
        # no lifetime of its own would otherwise be kept for Varnish's
        # default TTL, and no purge names it (an article published again
        # after an unpublication would stay "not found").
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
