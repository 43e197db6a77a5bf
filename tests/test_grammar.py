"""The grammar rule against a real LanguageTool server that renderlint starts itself."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from renderlint_testing import run

from linter.languagetool import Server
from linter.languagetool.server import URL_ENV


@pytest.fixture(scope="module")
def server_url(jars: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module, started through renderlint's own Server."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        with Server(install_dir=jars) as server:
            yield server.url


def grammar(
    text: str, tmp_path: Path, url: str, name: str = "a.txt", config: str | None = None
) -> list[dict]:
    """`check --grammar` on ``text``, with a server URL from the environment."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    args = ["check", "--grammar", "--select", "grammar", "--format", "json", str(path)]
    if config is not None:
        config_path = tmp_path / "renderlint.toml"
        config_path.write_text(config, encoding="utf-8")
        args += ["--config", str(config_path)]
    result = run(*args, env={URL_ENV: url})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_subject_verb_disagreement_with_its_fix(server_url: str, tmp_path: Path) -> None:
    found = grammar("He go to the factory every day.\n", tmp_path, server_url)
    (finding,) = found
    assert finding["grammar_rule"] == "HE_VERB_AGR"
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 4, 6)
    assert finding["message"].endswith("[HE_VERB_AGR]")
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["edits"][0]["content"] == "goes"


def test_doubled_article_is_left_to_repeated_word(server_url: str, tmp_path: Path) -> None:
    text = "They visited the the farm.\n"
    assert grammar(text, tmp_path, server_url) == []
    result = run("check", "--select", "repeated-word", "--format", "json", str(tmp_path / "a.txt"))
    assert [f["rule"] for f in json.loads(result.stdout)] == ["repeated-word"]


def test_a_an_article_error(server_url: str, tmp_path: Path) -> None:
    found = grammar("It was a important meeting.\n", tmp_path, server_url)
    assert [f["grammar_rule"] for f in found] == ["EN_A_VS_AN"]
    assert found[0]["fix"]["edits"][0]["content"] == "an"


def test_misspelling_with_its_suggestion(server_url: str, tmp_path: Path) -> None:
    found = grammar("They came to recieve the delegation.\n", tmp_path, server_url)
    (finding,) = found
    assert finding["grammar_rule"].startswith("MORFOLOGIK_RULE")
    assert finding["severity"] == "warning"
    assert (finding["column"], finding["end_column"]) == (14, 21)
    assert finding["fix"]["edits"][0]["content"] == "receive"


def test_pack_terms_are_not_spelling_mistakes(server_url: str, tmp_path: Path) -> None:
    text = (
        "Kim Jong Un visited Pyongyang and Mangyongdae. The Rodong Sinmun wrote about the "
        "Juche idea, Songun and Chollima, and Choe Ryong Hae spoke in Hamhung.\n"
    )
    assert grammar(text, tmp_path, server_url) == []


def test_accept_words_are_not_spelling_mistakes(server_url: str, tmp_path: Path) -> None:
    text = "They drank makkolli at the harvest festival.\n"
    found = grammar(text, tmp_path, server_url)
    assert [f["grammar_rule"] for f in found] == ["MORFOLOGIK_RULE_EN_US"]
    assert grammar(text, tmp_path, server_url, config='accept = ["makkolli"]\n') == []


def test_names_inside_a_sentence_are_left_alone_unless_asked(
    server_url: str, tmp_path: Path
) -> None:
    text = "The delegation visited the Sinphyongri Cooperative Farm.\n"
    assert grammar(text, tmp_path, server_url) == []
    found = grammar(text, tmp_path, server_url, config="[grammar]\nnames = true\n")
    assert [f["grammar_rule"] for f in found] == ["MORFOLOGIK_RULE_EN_US"]


def test_columns_after_emoji_hangul_and_curly_quotes(server_url: str, tmp_path: Path) -> None:
    # LanguageTool counts UTF-16 units: 😀 is two of them, one Python character.
    text = "“평양” 😀 — He go home.\n"
    (finding,) = grammar(text, tmp_path, server_url)
    assert text[finding["offset"] : finding["end_offset"]] == "go"
    assert finding["column"] == text.index("go") + 1


def test_markdown_positions_map_back(server_url: str, tmp_path: Path) -> None:
    text = "# Report\n\nSome `code` here. He go to **the** factory.\n"
    (finding,) = grammar(text, tmp_path, server_url, "a.md")
    assert (finding["line"], finding["column"]) == (3, text.splitlines()[2].index("go") + 1)


def test_severity_by_issue_type_is_configurable(server_url: str, tmp_path: Path) -> None:
    config = '[grammar]\nseverity = { misspelling = "error" }\n'
    found = grammar("They came to recieve it.\n", tmp_path, server_url, config=config)
    assert found[0]["severity"] == "error"


def test_disabled_rules_from_config(server_url: str, tmp_path: Path) -> None:
    config = '[grammar]\ndisabled-rules = ["HE_VERB_AGR"]\n'
    found = grammar("He go to the factory.\n", tmp_path, server_url, config=config)
    assert found == []


def test_check_starts_and_stops_its_own_server(
    jars: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("RENDERLINT_LANGUAGETOOL_DIR", str(jars))
    monkeypatch.delenv(URL_ENV, raising=False)
    # The java process inherits this mark, which tells it from servers other runs started.
    mark = f"renderlint-test-{uuid.uuid4()}"
    monkeypatch.setenv("RENDERLINT_TEST_MARK", mark)
    article = tmp_path / "a.txt"
    article.write_text("He go to the factory.\n", encoding="utf-8")
    result = run("check", "--grammar", "--select", "grammar", "--format", "json", str(article))
    assert result.exit_code == 1, result.output
    assert [f["grammar_rule"] for f in json.loads(result.stdout)] == ["HE_VERB_AGR"]
    assert not _java_servers(mark), "the server renderlint started is still running"


def test_no_server_anywhere_is_exit_2_with_a_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("RENDERLINT_LANGUAGETOOL_DIR", str(tmp_path / "nothing-here"))
    monkeypatch.delenv(URL_ENV, raising=False)
    article = tmp_path / "a.txt"
    article.write_text("He go to the factory.\n", encoding="utf-8")
    result = run("check", "--grammar", str(article))
    assert result.exit_code == 2
    assert "renderlint languagetool install" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_grammar_is_off_by_default(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("He go to the factory.\n", encoding="utf-8")
    result = run("check", "--format", "json", str(article))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def _java_servers(mark: str) -> set[int]:
    """LanguageTool servers whose environment carries ``mark``."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"org.languagetool.server.HTTPServer" in command and mark.encode() in environment:
            pids.add(int(entry.name))
    return pids


def test_a_relative_jars_folder_is_taken_from_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No server anywhere and no jars in the configured folder: the error names the folder,
    # resolved from the config file's folder, not from where renderlint runs.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.delenv("RENDERLINT_LANGUAGETOOL_DIR", raising=False)
    project = tmp_path / "project"
    project.mkdir()
    (project / "renderlint.toml").write_text('[grammar]\njars = "lt-jars"\n', encoding="utf-8")
    (project / "a.txt").write_text("He go to the factory.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("check", "--grammar", "--config", project / "renderlint.toml", project / "a.txt")
    assert result.exit_code == 2
    assert f"{project / 'lt-jars'} holds no LanguageTool install" in result.output
    assert str(elsewhere / "lt-jars") not in result.output
