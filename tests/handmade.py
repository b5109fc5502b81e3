"""A small hand-made corpus for checking counts by hand (our own sentences)."""

import pandas as pd

TEXTS = {
    "a1": (
        "Mr. Halvorsen said the talks in Geneva would resume on Jan. 9. "
        "The army's counter-offensive continued; the retreat was orderly, he said."
    ),
    "a2": (
        "Officials claimed the regrouping was planned. “We are regrouping,” said Col. Dunmore. "
        "The talks, the talks and more talks."
    ),
    "b1": (
        "Москва заявила о перегруппировке. The U.S. said Kyiv’s forces advanced 20 km "
        "near the river. Talks? Not yet."
    ),
    "b2": "A goodwill gesture, Moscow said. Critics called the goodwill gesture a retreat.",
    "c1": "The war goes on. The war, analysts said, would not end soon; talks were stalled.",
}


def make_small_corpus() -> pd.DataFrame:
    ids = list(TEXTS)
    return pd.DataFrame(
        {
            "doc_id": ids,
            "source": ["Alpha", "Alpha", "Beta", "Beta", "Gamma"],
            "date": pd.to_datetime(
                ["2022-03-01", "2022-03-09", "2022-03-02", "2022-03-15", "2022-03-16"]
            ),
            "title": [f"Title {i}" for i in ids],
            "text": [TEXTS[i] for i in ids],
        }
    )
