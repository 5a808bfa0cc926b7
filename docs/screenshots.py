"""`make screenshots`: a real server with a little demo data, photographed by Chromium.

Writes docs/home.png (home timeline, 1280 px wide), docs/home-390.png (390 px) and the
dark-scheme twins docs/home-dark.png and docs/home-390-dark.png."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import httpx
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.servers import Server, run_chirp, server_environment  # noqa: E402

PASSWORD = "correct horse battery"
PEOPLE = [
    ("maya", "Maya Lindqvist", "Birdwatcher, bread baker, occasional poet.", (38, 110, 160)),
    ("tomas", "Tomás Okafor", "Cycling to work in every weather. #bikes", (180, 80, 60)),
    ("lena", "Lena Park", "Open-source tinkerer. Python, maps, coffee.", (90, 140, 70)),
]


def picture(colour: tuple[int, int, int], size: tuple[int, int], label: str) -> bytes:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    for step in range(0, height, 6):
        shade = tuple(min(255, c + step * 80 // height) for c in colour)
        draw.rectangle([0, step, width, step + 6], fill=shade)
    draw.ellipse([width * 0.6, height * 0.15, width * 0.85, height * 0.5], fill=(250, 230, 150))
    draw.text((12, height - 24), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed(api: httpx.Client) -> None:
    tokens: dict[str, str] = {}
    for username, name, bio, colour in PEOPLE:
        api.post(
            "/api/v1/auth/signup",
            json={
                "username": username,
                "email": f"{username}@example.com",
                "password": PASSWORD,
                "display_name": name,
            },
        ).raise_for_status()
        token = api.post(
            "/api/v1/auth/login", json={"username": username, "password": PASSWORD}
        ).json()["access_token"]
        tokens[username] = token
        auth = {"Authorization": f"Bearer {token}"}
        api.patch("/api/v1/me", json={"bio": bio}, headers=auth).raise_for_status()
        api.put(
            "/api/v1/me/picture",
            files={"file": ("me.png", picture(colour, (200, 200), ""), "image/png")},
            headers=auth,
        ).raise_for_status()

    def auth(username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[username]}"}

    def post(username: str, text: str, images: int = 0, reply_to: str | None = None) -> str:
        media = []
        for number in range(images):
            colour = PEOPLE[(number + 1) % len(PEOPLE)][3]
            uploaded = api.post(
                "/api/v1/media",
                files={"file": ("p.png", picture(colour, (640, 400), "demo"), "image/png")},
                headers=auth(username),
            )
            media.append(uploaded.json()["id"])
        body: dict[str, object] = {"text": text, "media_ids": media}
        if reply_to:
            body["in_reply_to_id"] = reply_to
        answer = api.post("/api/v1/tweets", json=body, headers=auth(username))
        answer.raise_for_status()
        return str(answer.json()["id"])

    for follower in ("maya", "tomas", "lena"):
        for followed in ("maya", "tomas", "lena"):
            if follower != followed:
                api.put(f"/api/v1/profiles/{followed}/follow", headers=auth(follower))
    first = post("lena", "Shipped a tiny map of every bakery in town. #maps #python")
    post("tomas", "Rain all the way in, grinning all the way. #bikes", images=1)
    sunrise = post("maya", "Sunrise over the harbour this morning, two herons included.", images=2)
    post("lena", "@maya that light is unreal!", reply_to=sunrise)
    for liker in ("tomas", "lena"):
        api.put(f"/api/v1/tweets/{sunrise}/like", headers=auth(liker))
    api.put(f"/api/v1/tweets/{first}/retweet", headers=auth("maya"))


def photograph(base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    shots = [(1280, 900, "light", "home.png"), (390, 844, "light", "home-390.png")]
    shots += [(1280, 900, "dark", "home-dark.png"), (390, 844, "dark", "home-390-dark.png")]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, height, scheme, name in shots:
            context = browser.new_context(
                base_url=base_url,
                viewport={"width": width, "height": height},
                color_scheme=scheme,  # type: ignore[arg-type]
            )
            page = context.new_page()
            page.goto("/login")
            page.get_by_label("Username").fill("maya")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in", exact=True).click()
            page.wait_for_url(f"{base_url}/")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(ROOT / "docs" / name))
            print(f"docs/{name}")
            context.close()
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        environment = server_environment(f"sqlite:///{work / 'demo.db'}", work)
        migrated = run_chirp(environment, "migrate", "upgrade")
        if migrated.returncode != 0:
            raise SystemExit(migrated.stderr)
        server = Server(environment, work / "server.log").start()
        try:
            with httpx.Client(base_url=server.url, timeout=30) as api:
                seed(api)
            photograph(server.url)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
