"""The morphology hints fall back to heuristics when camel-tools' analyser data is not installed."""

import subprocess
import sys

from extract import morphology


def test_without_the_database_the_heuristics_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    morphology._analyser.cache_clear()
    morphology.looks_like_verb.cache_clear()
    assert not morphology.analyser_available()
    assert morphology._analyser() is None
    assert morphology.looks_like_verb("يدور")          # "قرى يدور فيها القتال"
    assert morphology.looks_like_verb("تتمركز")
    assert not morphology.looks_like_verb("تلبيسة")     # a town, not a verb
    assert not morphology.looks_like_verb("اليادودة")   # the article: a noun
    assert morphology.looks_like_adjective("عشوائي")    # "حي عشوائي"
    assert not morphology.looks_like_adjective("الفرحانية")


def test_checking_for_the_analyser_does_not_import_the_data_catalogue(tmp_path):
    # importing camel_tools.data fetches a catalogue from the internet: the check must not import it
    code = ("import sys; from extract import morphology; morphology.analyser_available(); "
            "morphology.looks_like_verb('يدور'); print('camel_tools.data' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"CAMELTOOLS_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False"
