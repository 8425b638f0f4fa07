"""The voice: espeak-ng as shipped by the ``espeakng-loader`` wheel.

The wheel carries the library and its data (voices, dictionaries), so
nothing is installed on the system and nothing is downloaded. We call the
library through ctypes in synchronous mode: ``espeak_Synth`` returns once a
piece of text is spoken, its samples having gone to our callback.

espeak-ng keeps one global state per process, so one lock guards it. Long
texts are spoken a piece at a time (a few sentences, ``PIECE_CHARS`` at
most), and each piece is handed on to the encoders before the next one is
spoken: memory stays bounded whatever the length of the article.
"""

import ctypes
import re
import threading

import espeakng_loader
import numpy as np

# espeak-ng's constants (speak_lib.h).
AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
CHARS_UTF8 = 1
RATE = 1
ERRORS = {-1: "internal error", 1: "buffer full", 2: "not found"}

PIECE_CHARS = 1200
SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+")

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class SpeechError(RuntimeError):
    """espeak-ng could not speak: no such voice, or the synthesis failed."""


class Engine:
    """espeak-ng, loaded once per process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.library = None
        self.sample_rate = None
        self.voice = None
        self.rate = None
        self.chunks = []
        # Kept on the instance: ctypes must not collect the callback while espeak holds it.
        self.callback = _SYNTH_CALLBACK(self._collect)

    def _collect(self, samples, count, events):
        if samples and count > 0:
            self.chunks.append(np.ctypeslib.as_array(samples, shape=(count,)).copy())
        return 0

    def _load(self):
        library = ctypes.CDLL(espeakng_loader.get_library_path())
        library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
        library.espeak_Initialize.argtypes += [ctypes.c_int]
        library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        library.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        library.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        data = espeakng_loader.get_data_path().encode()
        rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechError(f"espeak-ng did not start (data in {data.decode()})")
        library.espeak_SetSynthCallback(self.callback)
        self.library, self.sample_rate = library, rate

    def start(self):
        """Load the library once; returns its sample rate."""
        with self.lock:
            if self.library is None:
                self._load()
        return self.sample_rate

    def say(self, text, voice, words_per_minute):
        """One piece of text as 16-bit mono samples at ``sample_rate``."""
        self.start()
        with self.lock:
            if voice != self.voice:
                if self.library.espeak_SetVoiceByName(voice.encode()) != 0:
                    raise SpeechError(f"espeak-ng has no voice {voice!r}")
                self.voice, self.rate = voice, None
            if words_per_minute != self.rate:
                self.library.espeak_SetParameter(RATE, words_per_minute, 0)
                self.rate = words_per_minute
            encoded = text.encode()
            self.chunks = []
            status = self.library.espeak_Synth(
                encoded, len(encoded) + 1, 0, 0, 0, CHARS_UTF8, None, None
            )
            chunks, self.chunks = self.chunks, []
        if status != 0:
            raise SpeechError(f"espeak-ng failed: {ERRORS.get(status, status)}")
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


ENGINE = Engine()


def sample_rate():
    return ENGINE.start()


def pieces(passage, limit=PIECE_CHARS):
    """A passage cut at sentence ends into pieces of at most ``limit`` characters.

    A sentence longer than that (a list with no full stop) is cut between words.
    """
    piece = ""
    for sentence in SENTENCE_BREAK.split(passage):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if piece:
                yield piece
                piece = ""
            yield sentence[:cut]
            sentence = sentence[cut:].lstrip()
        if piece and len(piece) + 1 + len(sentence) > limit:
            yield piece
            piece = ""
        piece = f"{piece} {sentence}" if piece else sentence
    if piece:
        yield piece


def speak(script, voice, words_per_minute, pause_ms):
    """The script's samples, piece by piece, with a silence after each passage."""
    silence = np.zeros(sample_rate() * pause_ms // 1000, dtype=np.int16)
    for passage in script.passages:
        for piece in pieces(passage):
            yield say(piece, voice, words_per_minute)
        yield silence


def say(text, voice, words_per_minute):
    return ENGINE.say(text, voice, words_per_minute)
