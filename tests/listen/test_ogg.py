"""Opus encoded in parts and joined: one well-formed stream that sounds like one encoding."""

import io
import struct

import numpy as np
import pytest
import soundfile

from manchette.listen import audio, ogg, speech

pytestmark = pytest.mark.django_db

RATE = 24000
SENTENCE = "Les ministres se sont retrouvés mardi à Bruxelles pour relancer les discussions."


def spoken_passages(count=4):
    """Passages as the task feeds them: speech, then a pause of pure silence."""
    spoken = speech.say(SENTENCE, "fr", 175)
    pause = np.zeros(speech.sample_rate() * 700 // 1000, dtype=np.int16)
    return [(spoken, pause)] * count


@pytest.fixture(scope="module")
def passages():
    return spoken_passages()


def encode_in_parts(passages, path, monkeypatch):
    """Every pause ends a part: four passages make four parts."""
    monkeypatch.setattr(audio, "OPUS_PART_SECONDS", 0)
    with audio.OpusParts(path, speech.sample_rate()) as opus:
        for passage in passages:
            for samples in passage:
                opus.write(samples)
        opus.finish()
        assert len(opus.parts) == len(passages)
    return opus.duration


def encode_whole(passages, path):
    encoder = audio.opus_encoder(path, speech.sample_rate())
    for passage in passages:
        for samples in passage:
            encoder.write(samples)
    encoder.close()


def read_pages(path):
    data = path.read_bytes()
    found, offset = [], 0
    while offset < len(data):
        header = ogg.PAGE_HEADER.unpack_from(data, offset)
        count = header[-1]
        size = ogg.PAGE_HEADER.size + count + sum(data[offset + ogg.PAGE_HEADER.size :][:count])
        found.append((header, data[offset : offset + size]))
        offset += size
    return found


def test_parts_join_into_a_file_of_their_length(passages, tmp_path, monkeypatch):
    duration = encode_in_parts(passages, tmp_path / "joined.opus", monkeypatch)
    spoken = sum(len(s) for passage in passages for s in passage) / speech.sample_rate()
    info = soundfile.info(tmp_path / "joined.opus")
    assert (info.format, info.subtype, info.samplerate) == ("OGG", "OPUS", RATE)
    assert info.duration == pytest.approx(duration, abs=0.001)
    # Each of the three seams adds under 30 ms of silence.
    assert spoken <= duration < spoken + 3 * 0.03
    assert [path.name for path in tmp_path.iterdir()] == ["joined.opus"]


def test_joined_pages_make_one_well_formed_stream(passages, tmp_path, monkeypatch):
    encode_in_parts(passages, tmp_path / "joined.opus", monkeypatch)
    pages = read_pages(tmp_path / "joined.opus")
    kinds = [header[2] for header, _ in pages]
    assert kinds[0] == ogg.FIRST and kinds[-1] & ogg.LAST
    assert not any(kind & (ogg.FIRST | ogg.LAST) for kind in kinds[1:-1])
    assert {header[4] for header, _ in pages} == {1}
    assert [header[5] for header, _ in pages] == list(range(len(pages)))
    granules = [header[3] for header, _ in pages if header[3] != -1]
    assert granules == sorted(granules)
    for header, page in pages:
        blank = page[:22] + b"\0\0\0\0" + page[26:]
        assert ogg.crc(blank) == header[6]


def test_the_checksum_is_the_one_libogg_writes(tmp_path):
    encode_whole([(np.zeros(24000, dtype=np.int16),)], tmp_path / "whole.opus")
    for header, page in read_pages(tmp_path / "whole.opus"):
        assert ogg.crc(page[:22] + b"\0\0\0\0" + page[26:]) == header[6]


def best_snr(decoded, reference, start, window, search):
    """Signal-to-noise ratio in dB of ``decoded`` against ``reference`` over ``window``
    samples from ``start``, at the best alignment within ``search`` samples after it."""
    wanted = reference[start : start + window]
    errors = [
        np.sum((decoded[start + shift : start + shift + window] - wanted) ** 2)
        for shift in range(search)
    ]
    return 10 * np.log10(np.sum(wanted**2) / min(errors))


def test_the_seams_sound_like_one_encoding(passages, tmp_path, monkeypatch):
    encode_in_parts(passages, tmp_path / "joined.opus", monkeypatch)
    encode_whole(passages, tmp_path / "whole.opus")
    joined, _ = soundfile.read(tmp_path / "joined.opus")
    whole, _ = soundfile.read(tmp_path / "whole.opus")
    resample = audio.Resampler(speech.sample_rate(), RATE)
    source = np.concatenate([resample(s) for passage in passages for s in passage])
    part = len(source) // len(passages)
    for seam in range(1, len(passages)):
        # Each seam shifts what follows by under 30 ms: look for it there.
        start, search = seam * part, seam * int(0.03 * RATE)
        assert best_snr(joined, source, start, RATE, search) > (
            best_snr(whole, source, start, RATE, search) - 1
        )


def test_a_failed_part_leaves_no_file_behind(passages, tmp_path, monkeypatch):
    encoders = []

    def failing_encoder(path, source_rate):
        encoders.append(path)
        if len(encoders) == 2:
            raise soundfile.LibsndfileError(1, "disk full")
        return real_encoder(path, source_rate)

    real_encoder = audio.opus_encoder
    monkeypatch.setattr(audio, "opus_encoder", failing_encoder)
    with pytest.raises(soundfile.LibsndfileError):
        encode_in_parts(passages, tmp_path / "joined.opus", monkeypatch)
    assert list(tmp_path.iterdir()) == []


def test_not_an_ogg_stream_is_refused():
    with pytest.raises(ogg.OggError, match="not an Ogg page"):
        ogg.join([io.BytesIO(b"ID3" + b"\0" * 100)], io.BytesIO())


def test_a_stream_cut_inside_a_page_is_refused(tmp_path):
    encode_whole([(np.zeros(24000, dtype=np.int16),)], tmp_path / "whole.opus")
    cut = tmp_path.joinpath("whole.opus").read_bytes()[:-10]
    with pytest.raises(ogg.OggError, match="ends inside a page"):
        ogg.join([io.BytesIO(cut)], io.BytesIO())


def test_an_ogg_stream_of_another_codec_is_refused(tmp_path):
    soundfile.write(tmp_path / "vorbis.ogg", np.zeros(24000), RATE, format="OGG", subtype="VORBIS")
    vorbis = io.BytesIO(tmp_path.joinpath("vorbis.ogg").read_bytes())
    with pytest.raises(ogg.OggError, match="not an Opus stream"):
        ogg.join([vorbis], io.BytesIO())


@pytest.mark.parametrize(
    ("toc", "samples"),
    [
        (bytes([0b11111000]), 960),  # CELT, 20 ms, one frame
        (bytes([0b11111001]), 1920),  # CELT, 20 ms, two frames
        (bytes([0b00001011, 3]), 3 * 960),  # SILK, 20 ms, three frames (code 3)
        (bytes([0b01111000]), 960),  # hybrid, 20 ms
    ],
)
def test_a_packet_says_how_many_samples_it_holds(toc, samples):
    assert ogg.packet_samples(toc) == samples


def test_an_empty_packet_is_refused():
    with pytest.raises(ogg.OggError, match="empty audio packet"):
        ogg.packet_samples(b"")


def test_pre_skip_is_read_from_the_opus_head():
    head = b"OpusHead" + bytes([1, 1]) + struct.pack("<HI", 312, 24000) + b"\0\0\0"
    assert ogg.pre_skip(head) == 312
