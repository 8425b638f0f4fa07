"""`make bench`: how fast an article becomes audio, per 1,000 words.

For each language, 1,000 words of normalised news text are spoken by
espeak-ng, then encoded to Opus (resampled to 24 kHz) and to MP3, each as
one stream on one core, as the task does it. Each step is timed on
its own (best of --runs, wall clock and CPU), and the real-time factor says
how many seconds of audio one second of work makes. A longer
article (--long words, 10,000 by default) is then recorded end to end to
show that memory does not grow with its length. Target: Opus at least 100x
faster than real time. The figures go to stdout and bench/results/listen.md.

    .venv/bin/python bench/listen.py [--runs 3] [--long 10000]
"""

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from run import publish

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "listen.md"
TARGET = 100
WORDS = 1000

# Our own dispatches, one per language, repeated to the length wanted.
DISPATCHES = {
    "fr": "Les ministres des Affaires étrangères se sont retrouvés mardi à Bruxelles pour "
    "relancer les discussions. Selon M. Dupont, 1 500 délégués ont pris part au sommet, "
    "soit 3,5 % de plus qu'en 2014. La réunion s'est achevée à 22h25 sans accord final.",
    "nl": "De ministers van Buitenlandse Zaken kwamen dinsdag in Brussel samen om de "
    "besprekingen nieuw leven in te blazen. Volgens dhr. Peeters namen 1.500 afgevaardigden "
    "deel, 3,5 procent meer dan in 2014. De vergadering eindigde om 22u25 zonder akkoord.",
    "de": "Die Außenminister trafen sich am Dienstag in Brüssel, um die Gespräche neu zu "
    "beleben. Laut Hr. Müller nahmen 1.500 Delegierte teil, 3,5 Prozent mehr als 2014. "
    "Die Sitzung endete um 22.25 Uhr ohne eine endgültige Einigung.",
    "en": "Foreign ministers met in Brussels on Tuesday to revive the talks. According to "
    "Mr. Smith, 1,500 delegates took part in the summit, 3.5% more than in 2014. The "
    "meeting ended at 10:25 pm without a final agreement.",
}


def setup_django():
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings.test")
    import django

    django.setup()


def script_of(language, words):
    from manchette.listen.normalise import Script, normalise

    passage = normalise(DISPATCHES[language], language)
    passages, count = [], 0
    while count < words:
        passages.append(passage)
        count += len(passage.split())
    return Script(language, tuple(passages))


def best_of(runs, work):
    """(wall seconds, CPU seconds, result) of the fastest of ``runs`` runs."""
    best = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        timing = (time.perf_counter() - wall, time.process_time() - cpu, result)
        if best is None or timing[0] < best[0]:
            best = timing
    return best


def measure(language, runs):
    from manchette.core.conf import setting
    from manchette.listen import audio, speech

    script = script_of(language, WORDS)
    voice = setting("MANCHETTE_LISTEN_VOICES")[language]
    rate = speech.sample_rate()

    def synthesise():
        return list(
            speech.speak(
                script,
                voice,
                setting("MANCHETTE_LISTEN_WORDS_PER_MINUTE"),
                setting("MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS"),
            )
        )

    synthesis = best_of(runs, synthesise)
    pieces = synthesis[2]
    seconds = sum(len(piece) for piece in pieces) / rate
    scale = WORDS / script.words

    def encode(make):
        def work():
            with tempfile.TemporaryDirectory() as folder:
                with make(Path(folder) / "bench", rate) as encoder:
                    for piece in pieces:
                        encoder.write(piece)
                return (Path(folder) / "bench").stat().st_size

        return best_of(runs, work)

    opus, mp3 = encode(audio.opus_encoder), encode(audio.mp3_encoder)

    def record():
        with tempfile.TemporaryDirectory() as folder:
            return audio.record(script, voice, folder)

    both = best_of(runs, record)
    return {
        "both": (both[0] * scale, both[1] * scale),
        "language": language,
        "audio": seconds * scale,
        "synthesis": (synthesis[0] * scale, synthesis[1] * scale),
        "opus": (opus[0] * scale, opus[1] * scale, opus[2] * 8 / seconds / 1000),
        "mp3": (mp3[0] * scale, mp3[1] * scale, mp3[2] * 8 / seconds / 1000),
    }


def long_article(words):
    """One end-to-end recording: time, and peak memory traced and resident."""
    from manchette.core.conf import setting
    from manchette.listen import audio

    script = script_of("fr", words)
    tracemalloc.start()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        recording = audio.record(script, setting("MANCHETTE_LISTEN_VOICES")["fr"], folder)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return script.words, recording.duration, elapsed, peak / 2**20, resident


def table(rows, long):
    lines = [
        f"# Listen: audio per {WORDS:,} words",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}. Wall seconds (best run), CPU seconds of "
        "the process in brackets. Real-time factor (RTF) = seconds of audio made per second "
        f"of wall time (target for Opus: {TARGET}x). Both files is what the task does: "
        "the voice and both encoders in turn, in one thread.",
        "",
        "| language | audio (s) | synthesis (s) | Opus encoding (s) "
        "| MP3 encoding (s) | both files (s) | Opus kbit/s | MP3 kbit/s "
        "| RTF synthesis | RTF Opus (synthesis + encoding) "
        "| RTF MP3 | RTF both files |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    steps = ("synthesis", "opus", "mp3", "both")
    for row in rows:
        seconds = row["audio"]
        synthesis, opus, mp3, both = (row[step][0] for step in steps)
        lines.append(
            f"| {row['language']} | {seconds:.0f} "
            + "".join(f"| {row[step][0]:.2f} ({row[step][1]:.2f}) " for step in steps)
            + f"| {row['opus'][2]:.0f} | {row['mp3'][2]:.0f} | {seconds / synthesis:.0f}x "
            f"| {seconds / (synthesis + opus):.0f}x "
            f"| {seconds / (synthesis + mp3):.0f}x "
            f"| {seconds / both:.0f}x |"
        )
    words, duration, elapsed, traced, resident = long
    lines += [
        "",
        f"A {words:,}-word article end to end (both files): {duration / 60:.1f} min of audio in "
        f"{elapsed:.1f} s ({duration / elapsed:.0f}x), peak traced memory {traced:.1f} MB, "
        f"resident high-water mark of the whole bench process {resident:.0f} MB.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--long", type=int, default=10_000, help="Words of the long article.")
    options = parser.parse_args()
    setup_django()
    rows = [measure(language, options.runs) for language in DISPATCHES]
    report = table(rows, long_article(options.long))
    publish(report, RESULTS)


if __name__ == "__main__":
    main()
