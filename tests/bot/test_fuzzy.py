"""The NLU's shared helpers: close spellings and number words."""

from bot.nlu import numbers
from bot.nlu.fuzzy import closest, damerau, max_edits


def test_damerau_counts_a_swap_as_one_edit_and_stops_past_the_limit():
    assert damerau("magnesuim", "magnesium", 2) == 1
    assert damerau("cat", "dog", 1) == 2  # past the limit: limit + 1


def test_closest_needs_one_nearest_word_within_the_allowance():
    assert max_edits("pain") == 1 and max_edits("cof") == 0 and max_edits("magnesuim") == 2
    assert closest("potasium", ["potassium", "magnesium"]) == "potassium"
    assert closest("cat", ["bat", "hat"], 1) is None  # a tie is a coin toss
    assert closest("cat", ["bat", "hat"], 1, unique=False) == "bat"


def test_number_words_and_digits():
    assert numbers.value("Three") == 3 and numbers.value("2.5") == 2.5
    assert numbers.words_up_to(3) == ["one", "two", "three"]
