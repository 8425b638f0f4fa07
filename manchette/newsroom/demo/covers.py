"""Cover pictures for the demo, drawn with Pillow: nothing is downloaded."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900


def _palette(seed):
    digest = hashlib.sha256(seed.encode()).digest()
    return [tuple(digest[i : i + 3]) for i in range(0, 15, 3)]


def draw_cover(seed, label):
    """A JPEG of abstract shapes whose colours follow the seed, with a label."""
    colours = _palette(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT), colours[0])
    draw = ImageDraw.Draw(image)
    for row in range(HEIGHT):
        # A vertical gradient between the first two colours.
        mix = row / HEIGHT
        draw.line(
            [(0, row), (WIDTH, row)],
            fill=tuple(int(a * (1 - mix) + b * mix) for a, b in zip(colours[0], colours[1], strict=True)),
        )
    digest = hashlib.sha256(label.encode()).digest()
    for index in range(6):
        x, y = digest[index] * WIDTH // 256, digest[index + 6] * HEIGHT // 256
        radius = 80 + digest[index + 12] * 2
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colours[2 + index % 3])
    font = ImageFont.load_default(size=96)
    draw.rectangle([0, HEIGHT - 170, WIDTH, HEIGHT], fill=(20, 20, 20))
    draw.text((60, HEIGHT - 140), label, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
