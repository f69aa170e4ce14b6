"""lib-cove-ocds, offline: the standard from a ZIP built from the local copy, the extensions served
from the local folders by a requests adapter mounted on ocdsextensionregistry's session (the recipe
of /work/shared/docs/standards.md). Anything else it tries to fetch is refused (and reported)."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.models import PreparedRequest, Response

RAW = "https://raw.githubusercontent.com/open-contracting-extensions/"
ARCHIVE = "https://github.com/open-contracting-extensions/"


def _zip_folder(folder: Path, top: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(top, "")  # the first entry must be the top folder
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, top + str(path.relative_to(folder)))
    return buf.getvalue()


class LocalExtensions(BaseAdapter):
    def __init__(self, ocds: Path) -> None:
        super().__init__()
        self.ocds = ocds
        self.refused: list[str] = []

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        url = request.url or ""
        response = Response()
        response.url = url
        response.request = request
        content: bytes | None = None
        if url.startswith(RAW):
            name, _branch, rest = url[len(RAW) :].split("/", 2)
            path = self.ocds / "extensions" / name / rest
            content = path.read_bytes() if path.is_file() else None
        elif url.startswith(ARCHIVE) and "/archive/" in url:
            name, rest = url[len(ARCHIVE) :].split("/archive/")
            folder = self.ocds / "extensions" / name
            if folder.is_dir():
                content = _zip_folder(folder, f"{name}-{rest.removesuffix('.zip')}/")
        if content is None:
            self.refused.append(url)
            response.status_code, response.reason, response._content = 404, "Not Found", b""
        else:
            response.status_code, response.reason, response._content = 200, "OK", content
        return response

    def close(self) -> None:
        pass


@cache
def _standard_zip(ocds: Path) -> bytes:
    return _zip_folder(ocds / "standard-1.1.5", "standard-1__1__5/")


def cove(package: dict[str, Any], ocds: Path) -> tuple[dict[str, Any], list[str]]:
    """Run lib-cove-ocds on a release package; returns its result and the URLs it was refused."""
    import ocdsextensionregistry.extension_version as extension_version
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
    from ocdsextensionregistry import util

    adapter = LocalExtensions(ocds)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    util.session = session  # type: ignore[assignment]
    extension_version.session = session  # type: ignore[assignment]
    config = LibCoveOCDSConfig({"standard_zip": _standard_zip(ocds), "context": "api"})
    return ocds_json_output(json_data=package, lib_cove_ocds_config=config), adapter.refused
