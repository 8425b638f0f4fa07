"""Audio files: the voice's samples encoded as Opus (Ogg) and MP3 by libsndfile.

espeak-ng speaks at 22,050 Hz. MP3 takes that rate as it is; Opus only
knows 8, 12, 16, 24 and 48 kHz, so its samples go through soxr's streaming
resampler, which carries its filter from one piece to the next: the file
sounds as if it had been resampled whole.

Each file is one stream, written piece by piece as the voice speaks, in the
task's own thread: making an article's audio takes one core, however many
the machine has, and memory holds one piece, never the whole article.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

from manchette.core.conf import setting

from . import speech

OPUS_RATES = (24000, 48000)
# libsndfile maps its compression level (0 to 1) onto these Opus bit rates.
OPUS_MAX_KBPS, OPUS_MIN_KBPS = 256, 6
NO_SAMPLES = np.zeros(0, dtype=np.int16)


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    content_type: str


OPUS = Format("opus", "opus", "audio/ogg; codecs=opus")
MP3 = Format("mp3", "mp3", "audio/mpeg")


@dataclass(frozen=True)
class Recording:
    """Encoded files on local disk, before they go to storage."""

    opus: Path
    mp3: Path
    duration: float


class Encoder:
    """One output file, written piece by piece; counts its frames for the duration."""

    def __init__(self, path, source_rate, **options):
        self.file = soundfile.SoundFile(path, "w", channels=1, **options)
        self.resampler = None
        if self.file.samplerate != source_rate:
            self.resampler = soxr.ResampleStream(
                source_rate, self.file.samplerate, 1, dtype="int16"
            )
        self.frames = 0

    def write(self, samples, last=False):
        if self.resampler is not None:
            samples = self.resampler.resample_chunk(samples, last=last)
        self.file.write(samples)
        self.frames += len(samples)

    @property
    def duration(self):
        return self.frames / self.file.samplerate

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        try:
            if kind is None:
                # The resampler holds back the last few milliseconds until told the end.
                self.write(NO_SAMPLES, last=True)
        finally:
            self.file.close()


def opus_encoder(path, source_rate):
    rate = setting("MANCHETTE_LISTEN_OPUS_SAMPLE_RATE")
    if rate not in OPUS_RATES:
        raise ValueError(f"MANCHETTE_LISTEN_OPUS_SAMPLE_RATE must be one of {OPUS_RATES}")
    kbps = min(max(setting("MANCHETTE_LISTEN_OPUS_KBPS"), OPUS_MIN_KBPS), OPUS_MAX_KBPS)
    level = (OPUS_MAX_KBPS - kbps) / (OPUS_MAX_KBPS - OPUS_MIN_KBPS)
    return Encoder(
        path, source_rate, samplerate=rate, format="OGG", subtype="OPUS", compression_level=level
    )


def mp3_encoder(path, source_rate):
    return Encoder(
        path,
        source_rate,
        samplerate=source_rate,
        format="MP3",
        subtype="MPEG_LAYER_III",
        compression_level=setting("MANCHETTE_LISTEN_MP3_COMPRESSION"),
    )


def record(script, voice, folder, name="speech"):
    """Speak the script into ``folder``/name.opus and name.mp3, each piece into both."""
    folder = Path(folder)
    rate = speech.sample_rate()
    opus_path, mp3_path = folder / f"{name}.opus", folder / f"{name}.mp3"
    with opus_encoder(opus_path, rate) as opus, mp3_encoder(mp3_path, rate) as mp3:
        for samples in speech.speak(
            script,
            voice,
            setting("MANCHETTE_LISTEN_WORDS_PER_MINUTE"),
            setting("MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS"),
        ):
            opus.write(samples)
            mp3.write(samples)
    return Recording(opus_path, mp3_path, opus.duration)
