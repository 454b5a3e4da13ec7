import pytest

from edition.site.people import genre_of, person_key, short_party, split_correspondents


@pytest.mark.parametrize(("heading", "sender", "recipient"), [
    ("The Ambassador in China (Gauss) to the Secretary of State",
     "Ambassador in China (Gauss)", "Secretary of State"),
    ("Memorandum by the Acting Secretary of State (Grew) to President Truman",
     "Acting Secretary of State (Grew)", "President Truman"),
    ("Memorandum of Conversation, by the Secretary of State", "Secretary of State", None),
    ("46. Memorandum From the Secretary of State to the President",
     "Secretary of State", "President"),
    ("Editorial Note", None, None),
    ("The Chargé in China (Atcheson) to the Secretary of State (Stettinius to Hull)",
     "Chargé in China (Atcheson)", "Secretary of State (Stettinius to Hull)"),
])
def test_split_correspondents(heading: str, sender: str | None, recipient: str | None) -> None:
    assert split_correspondents(heading) == (sender, recipient)


def test_genre_prefers_source_note() -> None:
    assert genre_of("761.94/7–2145: Telegram", "The Ambassador to the Secretary") == "telegram"
    assert genre_of(None, "Memorandum by the Secretary") == "memorandum"
    assert genre_of("893.00/1", "Memorandum of Conversation, by X") == \
        "memorandum of conversation"
    assert genre_of(None, "The Ambassador in China (Gauss) to the Secretary") == "document"


def test_short_forms_and_sorting() -> None:
    assert short_party("Ambassador in China (Gauss)") == "Gauss"
    assert short_party("Secretary of State") == "Secretary of State"
    assert person_key("Ambassador in China (Gauss)") == "gauss"
    assert person_key("Mr. Augustus S. Chase of the Division of Far Eastern Affairs") == "chase"
    assert person_key("Mr. John P. Davies, Jr") == "davies"
    assert person_key("Secretary of State") == "secretary of state"
