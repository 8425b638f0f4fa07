"""Settings of the comments app (see manchette.core.conf)."""

from manchette.core.conf import Setting

SETTINGS = [
    Setting(
        "MANCHETTE_COMMENTS_MODE",
        "open",
        "How articles take comments unless their section or themselves say otherwise: "
        "`open` (published at once, moderated after), `premoderated` (held until approved) "
        "or `closed`.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS",
        0,
        "Comments close this many days after an article's first publication (0: never), "
        "unless its section or itself say otherwise.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_PAGE_SIZE",
        20,
        "Threads (top-level comments with their replies) per page of comments.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_MAX_LENGTH",
        5000,
        "Most characters in a comment.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_MARKDOWN",
        False,
        "Render comments as restricted Markdown (emphasis, quotes, code, links) "
        "instead of plain text paragraphs.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_MIN_SECONDS",
        3,
        "A comment sent sooner than this after its form token was issued is refused "
        "(faster than a person types).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_TOKEN_MAX_AGE",
        7200,
        "Seconds a form token stays valid; the script fetches a new one before then.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_TOKEN_REFRESH",
        1800,
        "The script asks for a new form token when the page's one is older than this many seconds.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_NETWORK_RATES",
        [(5, 60), (30, 3600)],
        "Most comments from one network (/24 IPv4, /64 IPv6): a list of (comments, seconds).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_FLOOD_HOLD",
        600,
        "Seconds during which a network that sent twice a network limit in its window "
        "(a flood, not a reader) has every comment post refused before Django, "
        "across the windows' ends (0: only until its window ends).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_ARTICLE_RATES",
        [(60, 60)],
        "Most comments on one article, from everyone: a list of (comments, seconds).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_CACHE",
        "comments",
        "Django cache alias that counts comments for the rate limits; it must be shared by "
        "every server process (diskcache on disk by default, Redis when `REDIS_URL` is set).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_LINKS_TO_HOLD",
        2,
        "A comment with this many links or more is held for moderation.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_BANNED_WORDS",
        [],
        "Words or phrases (case-insensitive, whole words) that hold a comment for moderation.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_FLAGS_TO_HOLD",
        3,
        "A published comment flagged by this many readers is held for moderation.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_EDIT_MINUTES",
        15,
        "Minutes during which an author may edit or delete their comment.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_AUTHOR_COOKIE_DAYS",
        30,
        "Days the signed `manchette_commenter` cookie lets an author see their held comments.",
    ),
    # Moderation by e-mail, reply notifications and privacy requests.
    Setting(
        "MANCHETTE_COMMENTS_MODERATOR_EMAILS",
        [],
        "E-mail addresses told of new comments to moderate (empty: nobody is e-mailed).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_NOTIFY_MODERATORS",
        "held",
        "Which new comments the moderators hear of: `held` (awaiting moderation) or `all`.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_REPLY_NOTIFICATIONS",
        True,
        "Commenters who gave an e-mail address may ask to hear of replies to their comment "
        "(they confirm by e-mail first, and every message has a one-click unsubscribe link).",
    ),
    Setting(
        "MANCHETTE_COMMENTS_CONFIRM_LINK_HOURS",
        48,
        "Hours an e-mailed link that confirms reply notifications stays valid.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_UNSUBSCRIBE_LINK_DAYS",
        365,
        "Days the unsubscribe link of a reply notification stays valid.",
    ),
    Setting(
        "MANCHETTE_COMMENTS_PRIVACY_LINK_HOURS",
        24,
        "Hours an e-mailed link to download or erase one's comments stays valid.",
    ),
]
