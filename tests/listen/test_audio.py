"""The files decode, say the right length of text, and long texts stay in bounded memory."""

import tracemalloc

import numpy as np
import pytest
import soundfile

from manchette.core.conf import setting
from manchette.listen import audio, speech
from manchette.listen.normalise import Script
from tests import factory

pytestmark = pytest.mark.django_db

# Few enough that the test is quick, enough that the whole article would weigh 5 MB.
SAMPLES_PER_CHARACTER = 8
SENTENCE = "Le ministre a reçu ses homologues pour trois heures de discussions à Bruxelles."


def test_opus_and_mp3_decode_with_their_rate_and_channels(publish):
    reading = publish().audio
    opus = soundfile.info(reading.opus.path)
    assert (opus.format, opus.subtype, opus.samplerate, opus.channels) == ("OGG", "OPUS", 24000, 1)
    mp3 = soundfile.info(reading.mp3.path)
    assert (mp3.format, mp3.samplerate, mp3.channels) == ("MP3", speech.sample_rate(), 1)
    for file in (reading.opus, reading.mp3):
        samples, _ = soundfile.read(file.path)
        assert np.sqrt(np.mean(samples**2)) > 0.01, "the file is silent"
        assert soundfile.info(file.path).duration == pytest.approx(reading.duration, abs=0.1)


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_duration_matches_the_length_of_the_text(publish, language):
    sentences = 4
    reading = publish(
        language=language,
        kicker="",
        headline="Titre",
        body=factory.paragraphs(SENTENCE * sentences),
    ).audio
    pauses = 2 * setting("MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS") / 1000
    expected = reading.words / setting("MANCHETTE_LISTEN_WORDS_PER_MINUTE") * 60 + pauses
    # Words differ in length from one language to the next; the rate is the same.
    assert expected * 0.7 < reading.duration < expected * 1.35


def test_twice_the_text_takes_about_twice_as_long(publish):
    short = publish(kicker="", headline="Un", body=factory.paragraphs(SENTENCE * 2)).audio
    long = publish(kicker="", headline="Deux", body=factory.paragraphs(SENTENCE * 4)).audio
    speaking = [reading.duration - 1.4 for reading in (short, long)]
    assert speaking[1] / speaking[0] == pytest.approx(2, rel=0.15)


def test_opus_at_48_khz(publish, settings):
    settings.MANCHETTE_LISTEN_OPUS_SAMPLE_RATE = 48000
    reading = publish().audio
    assert soundfile.info(reading.opus.path).samplerate == 48000


def test_the_opus_file_keeps_the_pitch_of_the_voice(monkeypatch, tmp_path):
    """Opus is resampled from the voice's rate: a 440 Hz tone must stay at 440 Hz."""
    source_rate = speech.sample_rate()
    seconds = np.arange(source_rate) / source_rate
    tone = (np.sin(2 * np.pi * 440 * seconds) * 16000).astype(np.int16)
    monkeypatch.setattr(speech, "say", lambda text, voice, words_per_minute: tone)
    recording = audio.record(Script("fr", ("La.",)), "fr", tmp_path)
    decoded, rate = soundfile.read(recording.opus)
    assert rate == 24000
    spoken = decoded[:rate]
    peak = np.argmax(np.abs(np.fft.rfft(spoken))) * rate / len(spoken)
    assert peak == pytest.approx(440, abs=2)
    assert recording.duration == pytest.approx(
        1 + setting("MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS") / 1000, abs=0.01
    )


def test_a_50000_word_article_is_spoken_piece_by_piece_in_bounded_memory(monkeypatch, tmp_path):
    """The voice is replaced by a silent one: what is checked is the streaming, not espeak."""
    spoken = []

    def silent_voice(text, voice, words_per_minute):
        spoken.append(len(text))
        return np.zeros(len(text) * SAMPLES_PER_CHARACTER, dtype=np.int16)

    monkeypatch.setattr(speech, "say", silent_voice)
    paragraph = " ".join(["Le ministre a parlé longtemps."] * 500)  # 2,500 words, one passage
    script = Script("fr", (paragraph,) * 20)
    tracemalloc.start()
    recording = audio.record(script, "fr", tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert script.words == 50_000
    assert max(spoken) <= speech.PIECE_CHARS and len(spoken) > 100
    assert sum(spoken) >= len(paragraph) * 20 - len(spoken) * 2
    whole_article = sum(spoken) * SAMPLES_PER_CHARACTER * 2  # bytes, 16-bit samples
    # tracemalloc counts every thread's allocations: a page cache's purge listener or
    # a shared-cache purger left by an earlier test adds a little. Reading the whole
    # article at once would take all of ``whole_article``.
    assert peak < whole_article / 5
    assert soundfile.info(recording.opus).duration == pytest.approx(recording.duration, abs=0.1)


def test_a_sentence_longer_than_a_piece_is_cut_between_words():
    sentence = "mot " * 1000
    pieces = list(speech.pieces(sentence.strip(), limit=100))
    assert max(len(piece) for piece in pieces) <= 100
    assert " ".join(pieces).split() == sentence.split()


def test_an_unknown_voice_is_a_speech_error():
    with pytest.raises(speech.SpeechError, match="no voice 'xx-nope'"):
        speech.say("Bonjour.", "xx-nope", 170)
