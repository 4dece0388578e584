"""Voice guidance: every screen's prompt makes real speech, a new screen silences the old
prompt, the citizen can repeat it or turn the voice off, and the attract screen offers large
text, voice and language before anything else.

No test plays sound: espeak-ng writes WAV files (KIOSK_VOICE_OUTPUT), and the tests that
need a prompt that lasts use a stand-in command that sleeps as a long prompt would play.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import time
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QProcess
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from demo.kiosk import build_demo_kiosk
from kiosk.services.session import ServiceId
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.scenes import each_scene
from tests.support.ui import click, running_shell
from ui.i18n import Language
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.shell import Attract, Home, Shell
from ui.voice import OUTPUT_ENV, VoicePrompter
from ui.voice_text import is_chinese

LOUDNESS_FLOOR = 500
"""RMS of 16-bit samples; espeak-ng speech is about 3000-4000, silence 0."""
SECONDS_PER_HANZI = (0.12, 0.6)
"""espeak-ng at 150 words a minute says about three characters a second."""


def wav_loudness_and_seconds(path: Path) -> tuple[float, float]:
    with wave.open(str(path)) as audio:
        frames = audio.readframes(audio.getnframes())
        assert audio.getsampwidth() == 2
        rate = audio.getframerate()
    samples = memoryview(frames).cast("h")
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    return rms, len(samples) / rate


def hanzi(text: str) -> int:
    return sum(1 for c in text if is_chinese(c))


def test_every_screens_prompt_is_synthesized_to_speech_of_plausible_length(
    scene_window: Shell, tmp_path: Path
) -> None:
    assert shutil.which("espeak-ng"), "espeak-ng is missing: scripts/bootstrap.sh installs it"
    prompts: dict[str, str] = {}
    for name in each_scene(scene_window, Language.ZH_CN):
        assert scene_window.screen_widget is not None
        prompts.setdefault(scene_window.screen_widget.voice, name)
    prompts.pop("", None)
    assert len(prompts) >= 30
    # The very command line the kiosk runs, with -w: synthesized, not played; all at once.
    running = []
    for index, (text, name) in enumerate(prompts.items()):
        argv = scene_window.voice.command_for(text)
        wav = tmp_path / f"{index}.wav"
        running.append((name, text, wav, subprocess.Popen([argv[0], "-w", str(wav), *argv[1:]])))
    problems = []
    for name, text, wav, process in running:
        assert process.wait(timeout=30) == 0, name
        rms, seconds = wav_loudness_and_seconds(wav)
        count = hanzi(text)
        assert count, f"{name}: a zh_CN prompt without Chinese: {text!r}"
        least, most = SECONDS_PER_HANZI[0] * count, SECONDS_PER_HANZI[1] * count + 1.5
        if rms < LOUDNESS_FLOOR or not least <= seconds <= most:
            problems.append(f"{name}: {count} hanzi, {seconds:.1f} s, RMS {rms:.0f}: {text!r}")
    assert not problems, "\n".join(problems)


def test_the_kiosk_speaks_by_default_through_espeak_ng_in_the_prompts_language(
    shell: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """With no voice setting at all the window speaks: each new screen's prompt is a WAV here."""
    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path))
    assert shell.voice.enabled
    shell.show_state(Home())
    qtbot.waitUntil(lambda: any(tmp_path.glob("*.wav")) and not shell.voice.speaking)
    [wav] = tmp_path.glob("*.wav")
    rms, seconds = wav_loudness_and_seconds(wav)
    assert rms > LOUDNESS_FLOOR and seconds > 1
    assert shell.voice.command_for("请选择服务")[-3:-1] == ["-v", "cmn-latn-pinyin"]
    assert shell.voice.command_for("Please choose")[-3:-1] == ["-v", "en"]
    assert VoicePrompter("espeak-ng -v yue").command_for("请")[:3] == ["espeak-ng", "-v", "yue"]


def stand_in(tmp_path: Path, seconds: float = 30) -> tuple[Path, Path]:
    """A speech command that notes each prompt and then 'plays' it for `seconds`."""
    heard = tmp_path / "heard.txt"
    script = tmp_path / "speak.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {heard}\nexec sleep {seconds}\n')
    script.chmod(0o755)
    return script, heard


def gone(pid: int) -> bool:
    """Ended: no such process, or a zombie whose parent has not collected it yet."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def speaking_pid(shell: Shell, qtbot: QtBot) -> int:
    qtbot.waitUntil(lambda: shell.voice.speaking)
    process = shell.voice._process
    assert process is not None
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.Running)
    return process.processId()


def test_a_screen_change_stops_the_prompt_being_spoken(
    shell: Shell, tmp_path: Path, qtbot: QtBot
) -> None:
    script, _ = stand_in(tmp_path)
    shell.voice = VoicePrompter(str(script), shell)
    shell.show_state(Attract())
    first = speaking_pid(shell, qtbot)
    assert not gone(first)
    assert isinstance(shell.screen_widget, AttractScreen)
    tapped = time.monotonic()
    click(qtbot, shell.screen_widget.start_button)  # a long prompt, then the citizen taps on
    while not gone(first):
        assert time.monotonic() - tapped < 0.2, "the old prompt still plays 200 ms after the tap"
        time.sleep(0.005)
    assert isinstance(shell.screen_widget, HomeScreen)
    assert speaking_pid(shell, qtbot) != first  # the new screen's prompt plays instead
    shell.voice.stop()


def test_the_voice_switch_turns_speech_off_and_on(
    shell: Shell, tmp_path: Path, qtbot: QtBot
) -> None:
    script, heard = stand_in(tmp_path)
    shell.voice = VoicePrompter(str(script), shell)
    shell.show_state(Home())
    home_prompt = shell.voice.last
    playing = speaking_pid(shell, qtbot)
    assert shell.top_bar is not None
    assert shell.top_bar.voice_button.isChecked()
    assert shell.top_bar.voice_button.text() == "语音：开"
    click(qtbot, shell.top_bar.voice_button)
    assert not shell.voice.enabled and not shell.voice.speaking
    qtbot.waitUntil(lambda: gone(playing), timeout=1000)
    assert shell.top_bar.voice_button.text() == "语音：关"
    assert not shell.top_bar.voice_button.isChecked()
    shell.show_state(Attract())  # off stays off on the next screen, and its switch says so
    assert not shell.voice.speaking
    assert not shell.top_bar.voice_button.isChecked()
    assert heard.read_text().splitlines() == [shell.voice.command_for(home_prompt)[-1]]
    click(qtbot, shell.top_bar.voice_button)  # on again: the current screen's prompt at once
    speaking_pid(shell, qtbot)
    assert heard.read_text().splitlines()[-1] == shell.screen_widget.voice  # type: ignore[union-attr]
    shell.voice.stop()


def test_repeat_speaks_the_current_screens_prompt_again(
    shell: Shell, tmp_path: Path, qtbot: QtBot
) -> None:
    script, heard = stand_in(tmp_path, seconds=0)
    shell.voice = VoicePrompter(str(script), shell)
    shell.show_state(Home())
    prompt = shell.voice.command_for(shell.screen_widget.voice)[-1]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: heard.exists() and heard.read_text().splitlines() == [prompt])
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.repeat_button)
    qtbot.waitUntil(lambda: heard.read_text().splitlines() == [prompt, prompt])


def test_the_attract_screen_offers_large_text_voice_and_language_first(
    shell: Shell, qtbot: QtBot
) -> None:
    shell.reset_to_attract()
    screen = shell.screen_widget
    assert isinstance(screen, AttractScreen)
    assert screen.elder_tile is not None and screen.voice_tile is not None
    assert screen.language_tile is not None
    assert screen.voice_tile.isChecked()
    click(qtbot, screen.elder_tile)
    assert shell.elder and isinstance(shell.screen_widget, AttractScreen)
    assert shell.screen_widget.elder_tile is not None
    assert shell.screen_widget.elder_tile.isChecked()
    voice_tile = shell.screen_widget.voice_tile
    assert voice_tile is not None
    click(qtbot, voice_tile)
    assert not shell.voice.enabled and not voice_tile.isChecked()
    language_tile = shell.screen_widget.language_tile
    assert language_tile is not None
    click(qtbot, language_tile)
    assert shell.language is Language.EN and isinstance(shell.screen_widget, AttractScreen)
    shell.reset_to_attract()  # the next citizen: default language, size and voice again
    assert shell.language.value == "zh_CN" and not shell.elder and shell.voice.enabled


def test_each_home_tile_has_an_icon_and_the_card_tile_names_its_services(shell: Shell) -> None:
    shell.show_state(Home())
    screen = shell.screen_widget
    assert isinstance(screen, HomeScreen)
    for service, tile in screen.tiles.items():
        [picture] = [c for c in tile.children() if c.objectName() == "TileIcon"]
        assert not picture.pixmap().isNull(), service  # type: ignore[attr-defined]
    assert screen.tiles[ServiceId.CARD].accessibleDescription() == "新办、补换、挂失、密码"
    assert not screen.progress_button.icon().isNull()


@pytest.mark.skipif(os.path.exists("/dev/snd"), reason="this machine has a sound card")
def test_no_sound_card_is_told_once_at_info(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(OUTPUT_ENV)  # espeak-ng plays: on this machine there is nothing to play on
    voice = VoicePrompter("espeak-ng")
    caplog.set_level("INFO", logger="ui.voice")
    for text in ("请", "选择"):
        voice.say(text)
        qtbot.waitUntil(lambda: not voice.speaking)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: any("no_audio_output" in r.message for r in caplog.records))
    assert [r.levelname for r in caplog.records if "no_audio_output" in r.message] == ["INFO"]


def test_a_kiosk_configured_without_a_voice_shows_no_voice_switches(
    qtbot: QtBot, shared_sandbox: SandboxProcess
) -> None:
    built = build_demo_kiosk(settings_for(shared_sandbox.url, SHEYIN_KIOSK_VOICE_COMMAND=""))
    try:
        with running_shell(qtbot, built) as window:
            assert not window.voice.available
            assert not hasattr(window.top_bar, "voice_button")
            assert not hasattr(window.top_bar, "repeat_button")
            screen = window.screen_widget
            assert isinstance(screen, AttractScreen)
            assert screen.voice_tile is None and screen.elder_tile is not None
    finally:
        built.close()


@pytest.mark.expected_log("voice.command_failed: FailedToStart")
def test_a_voice_command_that_is_not_installed_is_told_once_and_holds_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """No `finished` follows a command that never started: each screen's prompt kept one more
    QProcess for as long as the kiosk ran."""
    voice = VoicePrompter(str(tmp_path / "no-such-voice"))
    for text in ("请插入社保卡", "请输入密码", "请选择"):
        voice.say(text)
        qtbot.waitUntil(lambda: not voice.speaking)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert voice.findChildren(QProcess) == []
