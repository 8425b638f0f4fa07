"""Settings of the listen app (see manchette.core.conf)."""

from manchette.core.conf import Setting

SETTINGS = [
    Setting(
        "MANCHETTE_LISTEN",
        True,
        "Read every published article aloud: generate its audio when it is published.",
    ),
    Setting(
        "MANCHETTE_LISTEN_VOICES",
        {"fr": "fr", "nl": "nl", "de": "de", "en": "en"},
        "espeak-ng voice for each article language ('fr-be': Belgian French, septante, nonante).",
    ),
    Setting(
        "MANCHETTE_LISTEN_WORDS_PER_MINUTE",
        170,
        "Speaking rate of the synthetic voice (espeak-ng accepts 80 to 450).",
    ),
    Setting(
        "MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS",
        700,
        "Silence between the headline, the standfirst and each paragraph, in milliseconds.",
    ),
    Setting(
        "MANCHETTE_LISTEN_OPUS_SAMPLE_RATE",
        24000,
        "Sample rate of the Opus file: 24000 (speech, smaller) or 48000.",
    ),
    Setting(
        "MANCHETTE_LISTEN_OPUS_KBPS",
        64,
        "Opus bit rate. Below about 50 kbit/s libopus switches to its speech mode, half as fast.",
    ),
    Setting(
        "MANCHETTE_LISTEN_MP3_COMPRESSION",
        0.7,
        "MP3 compression from 0 (best quality, largest) to 1 (smallest); 0.7 is about 46 kbit/s.",
    ),
    Setting(
        "MANCHETTE_LISTEN_ATTEMPTS",
        3,
        "How many times audio generation is tried before the failure is left for an editor.",
    ),
    Setting(
        "MANCHETTE_LISTEN_RETRY_SECONDS",
        60,
        "Wait before the first retry of a failed generation; doubled for each further try.",
    ),
    Setting(
        "MANCHETTE_LISTEN_ABBREVIATIONS",
        {},
        "Extra spoken forms per language, added to the built-in ones: {'fr': {'CPAS': 'C P A S'}}.",
    ),
    Setting(
        "MANCHETTE_LISTEN_LIVE_READING",
        True,
        "While the audio is being made, offer a live reading by the reader's browser.",
    ),
    Setting(
        "MANCHETTE_LISTEN_PODCAST_IMAGE",
        "",
        "Square cover of the podcast feeds (static path or URL; podcast apps want 1400 px).",
    ),
    Setting(
        "MANCHETTE_LISTEN_PODCAST_EMAIL",
        "",
        "Contact address given as the podcast owner in the feeds (none when empty).",
    ),
]
