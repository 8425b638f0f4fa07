"""Settings of comment moderation by e-mail, reply notifications and privacy requests
(see manchette.core.conf); read with ``setting(NAME)`` like every other one."""

from manchette.core.conf import Setting

SETTINGS = [
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
