"""rasd.toml is validated by a typed model: every mistake is one line that names the file and the setting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.settings import ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]


def error_of(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rasd.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}: "), message
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[ingest]\nmax_body_char = 5000\n", "ingest.max_body_char: unknown setting"),
        ('[[ingest.files]]\nglob = "*.csv"\nencodng = "cp1256"\n', "ingest.files[1].encodng: unknown setting"),
        ("[ingest]\nmax_body_chars = 10\n[outpt]\nx = 1\n", "outpt: unknown setting"),
        ("[ingest]\nmax_body_chars = inf\n", "ingest.max_body_chars must be a finite number, not inf"),
        ("[ingest]\nfuture_tolerance_hours = nan\n", "ingest.future_tolerance_hours must be a finite number, not nan"),
        ("[ingest]\nmin_arabic_share = -inf\n", "ingest.min_arabic_share must be a finite number, not -inf"),
        ("[ingest]\nmax_body_chars = 0\n", "ingest.max_body_chars must be a number >= 1, not 0"),
        ("[ingest]\nmax_body_chars = 1.5\n", "ingest.max_body_chars must be a whole number, not 1.5"),
        ("[ingest]\nfuture_tolerance_hours = -1\n", "ingest.future_tolerance_hours must be a number >= 0"),
        ("[ingest]\nfuture_tolerance_hours = true\n", "ingest.future_tolerance_hours must be a number, not True"),
        ("[ingest]\nmin_arabic_share = 150\n", "ingest.min_arabic_share must be a share between 0 and 1"),
        ('[ingest]\nmin_arabic_share = "thirty%"\n', "ingest.min_arabic_share must be a share such as 0.3"),
        ('[ingest]\nmin_arabic_share = "0.3"\n', "ingest.min_arabic_share must be a number, not '0.3'"),
        ('[[ingest.files]]\nglob = "*.csv"\nformat = "xls"\n', "ingest.files[1].format must be one of jsonl"),
        ('[[ingest.files]]\nglob = "*.csv"\ndelimiter = ";;"\n', "ingest.files[1].delimiter must be one character"),
        ('[ingest]\ntimezone = "Mars/Olympus"\n', "ingest.timezone: unknown time zone 'Mars/Olympus'"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_file_and_the_setting(tmp_path: Path, text: str, expected: str) -> None:
    assert error_of(tmp_path, text).startswith(expected)


def test_every_problem_of_a_file_is_named_at_once(tmp_path: Path) -> None:
    message = error_of(tmp_path, "[ingest]\nmax_body_char = 5000\nmin_arabic_share = nan\n")
    assert "ingest.max_body_char: unknown setting" in message and "ingest.min_arabic_share" in message


@pytest.mark.parametrize("value", ["30", '"30%"', "0.3", '" 30 %"'])
def test_a_share_is_read_as_a_fraction_or_a_percentage(tmp_path: Path, value: str) -> None:
    path = tmp_path / "rasd.toml"
    path.write_text(f"[ingest]\nmin_arabic_share = {value}\n", encoding="utf-8")
    assert load_config(path).min_arabic_share == pytest.approx(0.3)


def test_a_share_of_one_is_everything_not_one_percent(tmp_path: Path) -> None:
    path = tmp_path / "rasd.toml"
    path.write_text("[ingest]\nmin_arabic_share = 1\n", encoding="utf-8")
    assert load_config(path).min_arabic_share == 1.0


def test_rasd_config_that_is_a_folder_or_missing_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"is a folder, not a TOML file \(RASD_CONFIG\)$"):
        load_config(tmp_path)
    with pytest.raises(ConfigError, match=r"does not exist \(RASD_CONFIG\)$"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize("kind", ["folder", "unknown key"])
def test_rasd_run_with_bad_settings_says_so_in_one_line(tmp_path: Path, gazetteer_dir: Path, kind: str) -> None:
    if kind == "folder":
        config = tmp_path
    else:
        config = tmp_path / "rasd.toml"
        config.write_text("[ingest]\nmax_body_char = 5000\n", encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    env = {"RASD_CONFIG": str(config), "RASD_GAZETTEER_DIR": str(gazetteer_dir), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "run", "--inbox", str(tmp_path / "inbox"),
         "--warehouse", str(tmp_path / "wh.duckdb")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rasd run: "), proc.stderr
    assert str(config) in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "wh.duckdb").exists()
