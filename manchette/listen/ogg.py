"""Ogg Opus streams joined end to end into one stream (RFC 3533, RFC 7845).

libopus, as libsndfile runs it, encodes at its highest complexity and uses
one core; an article is encoded faster in parts, one per core, each part
starting on a pause between passages. ``join`` then makes one logical
stream of the parts: the first part's headers, every part's audio packets
in order, renumbered pages and granule positions counting the samples
decoded so far. A player sees one ordinary file; its duration comes from
the last granule position, as usual.

At each seam the decoder carries its state from the silence that ends one
part into the next, whose encoder also started from silence, and it plays
what each part adds to its own length: the few milliseconds of encoder
look-ahead at the start and the padding of the last frame (under 30 ms in
all), silent since they fall inside the pause.
"""

import struct
import zlib

CAPTURE = b"OggS"
PAGE_HEADER = struct.Struct("<4sBBqIIIB")
CONTINUED, FIRST, LAST = 0x01, 0x02, 0x04
# Whole packets go on a page until it holds about this many bytes; players
# seek by page, and libopus's own tools aim at pages of a few kilobytes.
PAGE_BYTES = 4096
MAX_LACING = 255
SAMPLES_PER_SECOND = 48000  # granule positions of Opus count at 48 kHz, whatever the input
HEADER_PACKETS = 2  # OpusHead, OpusTags
# Samples per frame by TOC configuration (RFC 6716, section 3.1): SILK,
# hybrid, then CELT, in 48 kHz samples.
FRAME_SAMPLES = [480, 960, 1920, 2880] * 3 + [480, 960] * 2 + [120, 240, 480, 960] * 4


class OggError(ValueError):
    """A part is not the Ogg Opus stream libsndfile writes."""


# Ogg's CRC is CRC-32 (polynomial 0x04C11DB7) without bit reflection, zlib's
# is reflected: reflecting every byte in, and the result out, turns one into
# the other, so the sums run in C.
_REFLECT_BYTE = bytes(int(f"{n:08b}"[::-1], 2) for n in range(256))


def crc(data):
    reflected = zlib.crc32(data.translate(_REFLECT_BYTE), 0xFFFFFFFF) ^ 0xFFFFFFFF
    return int(f"{reflected:032b}"[::-1], 2)


def pages(stream):
    """(header type, granule position, payload as a list of lacing runs) of each page."""
    while header := stream.read(PAGE_HEADER.size):
        if len(header) < PAGE_HEADER.size:
            raise OggError("the stream ends inside a page header")
        capture, version, kind, granule, _serial, _sequence, _crc, count = PAGE_HEADER.unpack(
            header
        )
        if capture != CAPTURE or version != 0:
            raise OggError("not an Ogg page")
        lacing = stream.read(count)
        body = stream.read(sum(lacing))
        if len(lacing) < count or len(body) < sum(lacing):
            raise OggError("the stream ends inside a page")
        yield kind, granule, lacing, body


def packets(stream):
    """The stream's packets, in order, with the final granule position: (packets, granule)."""
    found, partial, granule = [], b"", 0
    for kind, page_granule, lacing, body in pages(stream):
        if not kind & CONTINUED and partial:
            raise OggError("a packet is cut short")
        offset = 0
        for size in lacing:
            partial += body[offset : offset + size]
            offset += size
            if size < MAX_LACING:
                found.append(partial)
                partial = b""
        if page_granule != -1:
            granule = page_granule
    if partial:
        raise OggError("the last packet is cut short")
    if len(found) < HEADER_PACKETS or not found[0].startswith(b"OpusHead"):
        raise OggError("not an Opus stream")
    return found, granule


def packet_samples(packet):
    """Samples (at 48 kHz) that one Opus packet decodes to (RFC 6716, section 3.1)."""
    if not packet:
        raise OggError("an empty audio packet")
    toc = packet[0]
    frames = (1, 2, 2, None)[toc & 0x03]
    if frames is None:
        if len(packet) < 2:
            raise OggError("a packet lacks its frame count")
        frames = packet[1] & 0x3F
    return FRAME_SAMPLES[toc >> 3] * frames


def pre_skip(head):
    return struct.unpack_from("<H", head, 10)[0]


class Writer:
    """Packets out as the pages of one logical stream."""

    def __init__(self, out, serial):
        self.out, self.serial, self.sequence = out, serial, 0
        self.lacing, self.body, self.continued = bytearray(), bytearray(), False
        self.granule = -1  # of the last packet that ended on the page being filled

    def packet(self, data, granule):
        """Add a packet; the page it ends on is written once another packet needs a page."""
        if len(self.body) >= PAGE_BYTES:
            self.flush()
        runs = [MAX_LACING] * (len(data) // MAX_LACING) + [len(data) % MAX_LACING]
        offset = 0
        for index, run in enumerate(runs):
            if len(self.lacing) == MAX_LACING:
                self.flush(continues=True)
            self.lacing.append(run)
            self.body += data[offset : offset + run]
            offset += run
            if index == len(runs) - 1:
                self.granule = granule

    def flush(self, continues=False, last=False):
        if not self.lacing:
            return
        kind = (CONTINUED if self.continued else 0) | (FIRST if self.sequence == 0 else 0)
        kind |= LAST if last else 0
        header = PAGE_HEADER.pack(
            CAPTURE, 0, kind, self.granule, self.serial, self.sequence, 0, len(self.lacing)
        )
        page = bytearray(header + self.lacing + self.body)
        struct.pack_into("<I", page, 22, crc(page))
        self.out.write(page)
        self.sequence += 1
        self.continued = continues
        self.lacing, self.body, self.granule = bytearray(), bytearray(), -1


def join(parts, out, serial=1):
    """Write the Ogg Opus streams ``parts`` (open binary files) as one stream to ``out``.

    Returns the stream's duration in seconds.
    """
    writer = Writer(out, serial)
    decoded = end_trim = skip = 0
    for number, part in enumerate(parts):
        found, final_granule = packets(part)
        head, tags, audio = found[0], found[1], found[HEADER_PACKETS:]
        if number == 0:
            skip = pre_skip(head)
            # The headers have pages of their own (RFC 7845, section 3).
            for header in (head, tags):
                writer.packet(header, 0)
                writer.flush()
        part_samples = 0
        for packet in audio:
            samples = packet_samples(packet)
            part_samples += samples
            decoded += samples
            writer.packet(packet, decoded)
        # What the part's own last page cut from its last frame.
        end_trim = max(part_samples - final_granule, 0)
    writer.granule = decoded - end_trim
    writer.flush(last=True)
    return max(decoded - end_trim - skip, 0) / SAMPLES_PER_SECOND
