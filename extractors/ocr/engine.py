"""Tesseract itself: one engine per worker process, fed page pictures in memory.

The in-process engine (tesserocr, a Cython binding of Tesseract's C++ API; its PyPI
wheel carries libtesseract) loads the language model once per process and reuses it for
every page. A page goes to it as raw grey pixels (``SetImageBytes``): no image file, no
encoding, no process per page, nothing in the temporary directory. What it gives back is
richer than the command line's TSV: each word's box on the picture, so a later step can
look at a word again (``paragraph_sign`` re-reads candidate signs with a model that has
the sign).

When tesserocr is not installed, the command-line engine (pytesseract) is the fallback:
it writes each picture as a PGM in the run's own temporary directory and runs one
`tesseract` process per page. ``diarium check`` says which engine is in use.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from PIL import Image

from diarium.extractors.ocr.availability import (
    OcrUnavailableError,
    binding_available,
    installed_languages,
    tessdata_dir,
)
from diarium.extractors.ocr.reading_order import Block
from diarium.extractors.ocr.words import OcrWord

# How Tesseract cuts the page (its page segmentation modes, tesserocr.PSM): "auto" is its
# layout analysis, the others read the page as one column or one block of text (for the
# benchmark's comparison of layouts; ingest uses "auto" and ``reading_order.arrange``).
SEGMENTATION = {"auto": 3, "single_column": 4, "single_block": 6}


@dataclass
class Reading:
    """What Tesseract read on one picture: lines of words in Tesseract's reading order
    (an empty line stands for the break between two of its paragraphs) and, read in
    process, the blocks of its layout analysis with their kinds (``reading_order.arrange``)."""

    lines: list[list[OcrWord]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


class Engine(Protocol):
    name: str

    def read(
        self, image: Image.Image, dpi: int, timeout: float, segmentation: str = "auto"
    ) -> Reading: ...

    def orientation(self, image: Image.Image, timeout: float) -> int: ...

    def reread_word(self, image: Image.Image, box: tuple[int, int, int, int]) -> str | None: ...

    def letter_choices(
        self, image: Image.Image, box: tuple[int, int, int, int]
    ) -> tuple[str, list[list[tuple[str, float]]]] | None: ...


class OcrTimeoutError(Exception):
    """A page took longer than --page-timeout."""


def _keep(text: str, confidence: float) -> bool:
    return bool(text) and confidence >= 0


def _assemble(words: list[tuple[tuple[int, int, int], OcrWord]]) -> Reading:
    """Words keyed by (block, paragraph, line) → lines with paragraph breaks."""
    grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
    reading = Reading()
    for key, word in words:
        grouped.setdefault(key, []).append(word)
    previous: tuple[int, int] | None = None
    for (block, par, _line), line_words in grouped.items():
        if previous is not None and (block, par) != previous:
            reading.lines.append([])
        reading.lines.append(line_words)
        previous = (block, par)
    return reading


class InProcessEngine:
    """Tesseract through tesserocr; one instance per process and language."""

    name = "tesserocr"

    def __init__(self, lang: str) -> None:
        from tesserocr import OEM, PSM, PyTessBaseAPI

        self.lang = lang
        self._api = PyTessBaseAPI(path=tessdata_dir(), lang=lang, psm=PSM.AUTO, oem=OEM.LSTM_ONLY)
        self._osd: Any = None
        self._word_reader: Any = None

    def _set_image(self, api: Any, image: Image.Image) -> None:
        grey = image if image.mode == "L" else image.convert("L")
        api.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)

    def read(
        self, image: Image.Image, dpi: int, timeout: float, segmentation: str = "auto"
    ) -> Reading:
        from tesserocr import RIL, Orientation, iterate_level

        api = self._api
        api.SetPageSegMode(SEGMENTATION[segmentation])
        self._set_image(api, image)
        api.SetSourceResolution(dpi)
        started = time.perf_counter()
        done = api.Recognize(timeout=max(1, int(timeout * 1000)))
        if not done:
            if time.perf_counter() - started >= timeout * 0.95:
                raise OcrTimeoutError(f"OCR timeout after {timeout:g} s")
            raise RuntimeError("Tesseract could not read the page picture")
        words: list[tuple[tuple[int, int, int], OcrWord]] = []
        blocks: list[Block] = []
        block = par = line = 0
        iterator = api.GetIterator()
        if iterator is None:
            return Reading()
        for item in iterate_level(iterator, RIL.WORD):
            if item.IsAtBeginningOf(RIL.BLOCK):
                block += 1
                orientation, _direction, _order, skew = item.Orientation()
                box = item.BoundingBox(RIL.BLOCK) or (0, 0, 0, 0)
                rotated = orientation in (Orientation.PAGE_LEFT, Orientation.PAGE_RIGHT)
                kind = int(item.BlockType())
                blocks.append(Block(kind, box, rotated=rotated, skew=float(skew)))
            if item.IsAtBeginningOf(RIL.PARA):
                par += 1
            if item.IsAtBeginningOf(RIL.TEXTLINE):
                line += 1
                if blocks:
                    blocks[-1].lines.append([])
            text = (item.GetUTF8Text(RIL.WORD) or "").strip()
            confidence = float(item.Confidence(RIL.WORD))
            if _keep(text, confidence):
                word = OcrWord(text, confidence, item.BoundingBox(RIL.WORD))
                words.append(((block, par, line), word))
                if blocks and blocks[-1].lines:
                    blocks[-1].lines[-1].append(word)
        reading = _assemble(words)
        for found in blocks:
            found.lines = [ln for ln in found.lines if ln]
        reading.blocks = [b for b in blocks if b.lines]
        return reading

    def orientation(self, image: Image.Image, timeout: float) -> int:
        from tesserocr import PSM, PyTessBaseAPI

        if self._osd is None:
            self._osd = PyTessBaseAPI(path=tessdata_dir(), lang="osd", psm=PSM.OSD_ONLY)
        self._set_image(self._osd, image)
        try:
            found = self._osd.DetectOrientationScript()
        except RuntimeError:
            return 0  # too little text to tell; keep the page as it is
        if not found:
            return 0
        return int(found.get("orient_deg", 0)) % 360

    def letter_choices(
        self, image: Image.Image, box: tuple[int, int, int, int]
    ) -> tuple[str, list[list[tuple[str, float]]]] | None:
        """The word in ``box`` read alone by this engine's model, and each letter's
        readings with their confidences (``word_choices``). Asked only for the few words
        worth mending: keeping alternatives for a whole page costs ~10 % of its reading."""
        from tesserocr import PSM, RIL, iterate_level

        api = self._api
        left, top, right, bottom = box
        pad = max(4, (bottom - top) // 3)
        self._set_image(api, image.crop((left - pad, top - pad, right + pad, bottom + pad)))
        api.SetPageSegMode(PSM.SINGLE_WORD)
        api.SetVariable("lstm_choice_mode", "2")
        try:
            api.Recognize()
            iterator = api.GetIterator()
            if iterator is None:
                return None
            text = ""
            letters: list[list[tuple[str, float]]] = []
            for symbol in iterate_level(iterator, RIL.SYMBOL):
                text += symbol.GetUTF8Text(RIL.SYMBOL) or ""
                letters.append(
                    [(c.GetUTF8Text(), float(c.Confidence())) for c in symbol.GetChoiceIterator()]
                )
            return text, letters
        except RuntimeError:
            return None
        finally:
            api.SetVariable("lstm_choice_mode", "0")

    def reread_word(self, image: Image.Image, box: tuple[int, int, int, int]) -> str | None:
        """The word in ``box`` read alone by the English model, whose character set has
        the paragraph sign that the Swedish model lacks. None when the model is missing."""
        from tesserocr import OEM, PSM, PyTessBaseAPI

        if self._word_reader is None:
            if "eng" not in installed_models():
                return None
            self._word_reader = PyTessBaseAPI(
                path=tessdata_dir(), lang="eng", psm=PSM.SINGLE_WORD, oem=OEM.LSTM_ONLY
            )
        left, top, right, bottom = box
        pad = max(4, (bottom - top) // 3)
        crop = image.crop((left - pad, top - pad, right + pad, bottom + pad))
        self._set_image(self._word_reader, crop)
        return (self._word_reader.GetUTF8Text() or "").strip()


class CommandLineEngine:
    """The fallback: `tesseract` run once per page through pytesseract."""

    name = "tesseract command line (pytesseract)"

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def read(
        self, image: Image.Image, dpi: int, timeout: float, segmentation: str = "auto"
    ) -> Reading:
        import pytesseract

        with _picture_file(image) as path:
            try:
                data = pytesseract.image_to_data(
                    path,
                    lang=self.lang,
                    config=f"--psm {SEGMENTATION[segmentation]} --dpi {dpi}",
                    output_type=pytesseract.Output.DICT,
                    timeout=timeout,
                )
            except RuntimeError as exc:  # pytesseract's timeout (TesseractError is one too)
                if "timeout" not in str(exc).lower():
                    raise
                raise OcrTimeoutError(f"OCR timeout after {timeout:g} s") from exc
        words = []
        for i, raw in enumerate(data["text"]):
            text = (raw or "").strip()
            confidence = float(data["conf"][i])
            if _keep(text, confidence):
                key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
                left, top = int(data["left"][i]), int(data["top"][i])
                box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
                words.append((key, OcrWord(text, confidence, box)))
        return _assemble(words)

    def orientation(self, image: Image.Image, timeout: float) -> int:
        import pytesseract

        with _picture_file(image) as path:
            try:
                osd = pytesseract.image_to_osd(
                    path, output_type=pytesseract.Output.DICT, timeout=timeout
                )
            except pytesseract.TesseractError:
                return 0
        return int(osd.get("rotate", 0)) % 360

    def reread_word(self, image: Image.Image, box: tuple[int, int, int, int]) -> str | None:
        return None  # a process per word costs more than the sign is worth

    def letter_choices(
        self, image: Image.Image, box: tuple[int, int, int, int]
    ) -> tuple[str, list[list[tuple[str, float]]]] | None:
        return None  # the command line gives no alternatives


@contextmanager
def _picture_file(image: Image.Image) -> Iterator[str]:
    """An uncompressed PGM in the run's temporary directory, removed on exit (handing
    pytesseract a PIL image makes it PNG-encode the noisy scan first: over a second)."""
    fd, path = tempfile.mkstemp(suffix=".pgm", prefix="diarium-page-")
    os.close(fd)
    try:
        image.save(path)
        yield path
    finally:
        os.unlink(path)


def installed_models() -> frozenset[str]:
    try:
        return installed_languages()
    except OcrUnavailableError:
        return frozenset()


_ENGINES: dict[tuple[int, str], Engine] = {}


def engine_for(lang: str) -> Engine:
    """This process's engine for ``lang``, made on first use (keyed by process id: an
    engine inherited through fork is not shared with the parent)."""
    key = (os.getpid(), lang)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = InProcessEngine(lang) if binding_available() else CommandLineEngine(lang)
        _ENGINES[key] = engine
    return engine


def engine_name() -> str:
    return InProcessEngine.name if binding_available() else CommandLineEngine.name
