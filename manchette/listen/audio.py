"""Audio files: the voice's samples encoded as Opus (Ogg) and MP3 by libsndfile.

espeak-ng speaks at 22,050 Hz. MP3 takes that rate as it is; Opus only
knows 8, 12, 16, 24 and 48 kHz, so its samples are resampled on the way,
one piece at a time, in the frequency domain (no scipy needed). Pieces end
on a sentence or a pause, where the voice is silent, so resampling them
apart leaves no seam.

Both encoders are fed as the voice speaks: MP3 in a thread of its own,
Opus, the slower, in parts of about a minute encoded side by side on every
core and joined into one stream (see ``ogg``). Memory holds a few pieces
and parts, never the whole article.
"""

import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
import soundfile

from manchette.core.conf import setting

from . import ogg, speech

OPUS_RATES = (24000, 48000)
# libsndfile maps its compression level (0 to 1) onto these Opus bit rates.
OPUS_MAX_KBPS, OPUS_MIN_KBPS = 256, 6
QUEUED_PIECES = 2
# An Opus part closes at the first pause between passages after this much
# audio: long enough that seams are few, short enough to keep every core busy.
OPUS_PART_SECONDS = 60


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


def fast_length(n):
    """The smallest 2**a * 3**b * 5**c at least n: an FFT size numpy computes quickly."""
    best = None
    twos = 1
    while twos < 2 * n:
        threes = twos
        while threes < 2 * n:
            fives = threes
            while fives < n:
                fives *= 5
            best = fives if best is None else min(best, fives)
            threes *= 3
        twos *= 2
    return best


class Resampler:
    """Band-limited resampling of each piece by zero-padding its spectrum."""

    def __init__(self, source_rate, target_rate):
        common = gcd(source_rate, target_rate)
        self.up, self.down = target_rate // common, source_rate // common

    def __call__(self, samples):
        count = len(samples)
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        blocks = fast_length(-(-count // self.down))
        source_size, target_size = blocks * self.down, blocks * self.up
        spectrum = np.fft.rfft(samples.astype(np.float32) / 32768, source_size)
        padded = np.zeros(target_size // 2 + 1, dtype=spectrum.dtype)
        kept = min(len(spectrum), len(padded))
        padded[:kept] = spectrum[:kept]
        resampled = np.fft.irfft(padded, target_size) * (target_size / source_size)
        return np.clip(resampled[: round(count * self.up / self.down)], -1, 1).astype(np.float32)


class Encoder:
    """One output file, written piece by piece; counts its frames for the duration."""

    def __init__(self, path, source_rate, **options):
        self.file = soundfile.SoundFile(path, "w", channels=1, **options)
        self.convert = lambda samples: samples
        if self.file.samplerate != source_rate:
            self.convert = Resampler(source_rate, self.file.samplerate)
        self.frames = 0

    def write(self, samples):
        converted = self.convert(samples)
        self.file.write(converted)
        self.frames += len(converted)

    def close(self):
        self.file.close()

    @property
    def duration(self):
        return self.frames / self.file.samplerate


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


class OpusParts:
    """The Opus file, encoded in parts on every core and joined (see ``ogg``).

    A part ends on a pause between passages (a piece of pure silence), so
    each seam falls where the voice is silent. Parts wait for a core in
    order, at most one per core beyond those being encoded, so memory stays
    bounded whatever the article's length.
    """

    width = os.cpu_count() or 1

    def __init__(self, path, source_rate):
        self.path, self.source_rate = Path(path), source_rate
        self.pool = ThreadPoolExecutor(self.width)
        self.parts = []  # (path, future) of each part handed to the pool
        self.gathered, self.gathered_frames = [], 0
        self.duration = None

    def write(self, samples):
        self.gathered.append(samples)
        self.gathered_frames += len(samples)
        if self.gathered_frames >= OPUS_PART_SECONDS * self.source_rate and not samples.any():
            self._hand_over()

    def _hand_over(self):
        if len(self.parts) >= self.width:
            self.parts[-self.width][1].result()
        path = self.path.with_name(f"{self.path.stem}.part{len(self.parts)}{self.path.suffix}")
        self.parts.append((path, self.pool.submit(self._encode, path, self.gathered)))
        self.gathered, self.gathered_frames = [], 0

    def _encode(self, path, pieces):
        encoder = opus_encoder(path, self.source_rate)
        try:
            for samples in pieces:
                encoder.write(samples)
        finally:
            encoder.close()

    def finish(self):
        """Encode what is left, wait for every part and join them into the file."""
        if self.gathered or not self.parts:
            self._hand_over()
        for _path, encoded in self.parts:
            encoded.result()
        with ExitStack() as files:
            parts = [files.enter_context(path.open("rb")) for path, _ in self.parts]
            with self.path.open("wb") as out:
                self.duration = ogg.join(parts, out)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        """Wait for the pool (a failed recording too) and remove the parts."""
        self.pool.shutdown()
        for path, _ in self.parts:
            path.unlink(missing_ok=True)


def record(script, voice, folder, name="speech"):
    """Speak the script into ``folder``/name.opus and name.mp3.

    The voice speaks in this thread while the encoders work in others, on
    as many cores; the C libraries release the GIL while they work. At most
    ``QUEUED_PIECES`` pieces wait for the MP3 encoder, so that memory stays
    bounded when the voice is faster than the encoders.
    """
    folder = Path(folder)
    rate = speech.sample_rate()
    opus_path, mp3_path = folder / f"{name}.opus", folder / f"{name}.mp3"
    waiting = deque()
    with ExitStack() as stack:
        mp3 = mp3_encoder(mp3_path, rate)
        stack.callback(mp3.close)
        # Shut down (after the last write) before the file closes: callbacks run last first.
        mp3_thread = stack.enter_context(ThreadPoolExecutor(1))
        opus = stack.enter_context(OpusParts(opus_path, rate))
        for samples in speech.speak(
            script,
            voice,
            setting("MANCHETTE_LISTEN_WORDS_PER_MINUTE"),
            setting("MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS"),
        ):
            waiting.append(mp3_thread.submit(mp3.write, samples))
            opus.write(samples)
            if len(waiting) > QUEUED_PIECES:
                waiting.popleft().result()
        for written in waiting:
            written.result()
        opus.finish()
    return Recording(opus_path, mp3_path, opus.duration)
