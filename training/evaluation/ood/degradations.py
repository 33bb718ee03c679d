"""Camera- and platform-like degradations of a full-resolution photo, for the out-of-domain protocol.

Written apart from `training.data.distortions` (which makes training twins) and on other code: OpenCV for filtering,
resampling and the JPEG codec (its own libjpeg build, not Pillow's), numpy for a sensor model in linear light with
the exact sRGB transfer curves. Spatial severities scale with the photo's short side, so a level means the same
look at any resolution. Each kind has levels 0..MAX_LEVEL; level 0 is the photo unchanged.

Images are HxWx3 uint8 RGB arrays.
"""
from __future__ import annotations

import cv2
import numpy as np

MAX_LEVEL = 5

# Per kind, the parameter at levels 1..MAX_LEVEL.
SEVERITY = {
    "defocus": (0.0015, 0.003, 0.005, 0.008, 0.012),  # disk radius, fraction of the short side
    "motion": (0.004, 0.008, 0.014, 0.022, 0.032),  # streak length, fraction of the short side
    "sensor_noise": (2000.0, 800.0, 300.0, 120.0, 50.0),  # photo-electrons at white: shot noise grows as it falls
    "jpeg": (60, 40, 25, 15, 8),  # OpenCV/libjpeg quality
    "double_jpeg": (50, 35, 25, 18, 12),  # quality of the second encode, after a 90 % platform resize (so the
    # photo comes back 10 % smaller, as from a site that re-encodes uploads)
    "underexposure": (0.5, 1.0, 1.7, 2.4, 3.2),  # stops darker in linear light
    "overexposure": (0.5, 1.0, 1.5, 2.0, 2.5),  # stops brighter in linear light, highlights clipped
    "down_up": (0.35, 0.25, 0.18, 0.12, 0.08),  # scale of an area-down, cubic-up round trip
}
KINDS = tuple(SEVERITY)


def degrade(rgb: np.ndarray, kind: str, level: int, rng: np.random.Generator) -> np.ndarray:
    """`rgb` degraded by `kind` at `level` (a copy at level 0); `rng` drives the random kinds."""
    if kind not in SEVERITY:
        raise ValueError(f"unknown degradation {kind!r}; expected one of {KINDS}")
    if not 0 <= level <= MAX_LEVEL:
        raise ValueError(f"level must be in 0..{MAX_LEVEL}, got {level}")
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an HxWx3 uint8 RGB array, got {rgb.dtype} {rgb.shape}")
    if level == 0:
        return rgb.copy()
    param = SEVERITY[kind][level - 1]
    short = min(rgb.shape[:2])
    if kind == "defocus":
        return cv2.filter2D(rgb, -1, _disk(max(1.0, param * short)), borderType=cv2.BORDER_REFLECT)
    if kind == "motion":
        return cv2.filter2D(rgb, -1, _streak(max(2.0, param * short), angle_deg=30.0), borderType=cv2.BORDER_REFLECT)
    if kind == "sensor_noise":
        return _sensor_noise(rgb, param, rng)
    if kind == "jpeg":
        return _jpeg_round_trip(rgb, param)
    if kind == "double_jpeg":
        first = _jpeg_round_trip(rgb, 85)  # the camera's or the first site's encode
        h, w = first.shape[:2]
        resized = cv2.resize(first, (round(w * 0.9), round(h * 0.9)), interpolation=cv2.INTER_AREA)
        return _jpeg_round_trip(resized, param)
    if kind in ("underexposure", "overexposure"):
        stops = -param if kind == "underexposure" else param
        return from_linear(np.clip(to_linear(rgb) * 2.0 ** stops, 0.0, 1.0))
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (max(1, round(w * param)), max(1, round(h * param))), interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """8-bit sRGB to linear light in [0, 1] (IEC 61966-2-1)."""
    v = rgb.astype(np.float32) / 255.0
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def from_linear(linear: np.ndarray) -> np.ndarray:
    v = np.clip(linear, 0.0, 1.0)
    srgb = np.where(v <= 0.0031308, v * 12.92, 1.055 * np.power(v, 1 / 2.4) - 0.055)
    return np.clip(np.rint(srgb * 255.0), 0, 255).astype(np.uint8)


def _sensor_noise(rgb: np.ndarray, full_well: float, rng: np.random.Generator) -> np.ndarray:
    """Poisson–Gaussian sensor noise in linear light: shot noise per channel (variance proportional to the signal,
    in its usual Gaussian approximation; a colour sensor's noise is chromatic), read noise, and blotchy
    low-frequency chroma noise as a camera's demosaicing and denoising leave it."""
    linear = to_linear(rgb)
    shot = linear + np.sqrt(linear / full_well) * rng.standard_normal(linear.shape, dtype=np.float32)
    read = rng.normal(0.0, 2.0 / full_well, size=linear.shape).astype(np.float32)
    short = min(rgb.shape[:2])
    chroma = rng.normal(0.0, 1.0, size=linear.shape).astype(np.float32)
    chroma = cv2.GaussianBlur(chroma, (0, 0), sigmaX=max(1.0, short * 0.002))
    chroma -= chroma.mean(axis=2, keepdims=True)  # colour only: the channels' mean (brightness) is left alone
    chroma *= 1.0 / np.sqrt(full_well) / max(float(chroma.std()), 1e-6)  # unit deviation, scaled like shot noise
    return from_linear(shot + read + chroma * np.sqrt(linear + 0.01))


def _jpeg_round_trip(rgb: np.ndarray, quality: int) -> np.ndarray:
    ok, encoded = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise RuntimeError("OpenCV could not encode the JPEG")
    return cv2.cvtColor(cv2.imdecode(encoded, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def _disk(radius: float) -> np.ndarray:
    """A lens's out-of-focus blur: a uniform disk, its rim antialiased by supersampling."""
    size = 2 * int(np.ceil(radius)) + 1
    sub = 4
    coords = (np.arange(size * sub) + 0.5) / sub - size / 2
    yy, xx = np.meshgrid(coords, coords, indexing="ij")
    inside = (xx ** 2 + yy ** 2 <= radius ** 2).astype(np.float32)
    kernel = inside.reshape(size, sub, size, sub).mean(axis=(1, 3))
    return kernel / kernel.sum()


def _streak(length: float, angle_deg: float) -> np.ndarray:
    """Camera shake: a straight streak of `length` pixels at `angle_deg`."""
    size = int(np.ceil(length)) | 1
    kernel = np.zeros((size, size), np.float32)
    centre = (size - 1) / 2
    dx, dy = np.cos(np.radians(angle_deg)), -np.sin(np.radians(angle_deg))
    for t in np.linspace(-length / 2, length / 2, int(np.ceil(length)) * 4):
        x, y = centre + t * dx, centre + t * dy
        kernel[int(round(y)) % size, int(round(x)) % size] += 1.0
    return kernel / kernel.sum()
