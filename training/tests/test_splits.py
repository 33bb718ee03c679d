import pytest

from training.data import splits

NAMES = [f"img{i:04d}.png" for i in range(937)]


def test_split_sizes_disjoint_and_complete():
    s = splits.make_split(NAMES, seed=0, test_fraction=0.2, val_fraction=0.1)
    train, val, test = set(s.train), set(s.val), set(s.test)
    assert len(test) == round(0.2 * 937)
    assert len(val) == round(0.1 * (937 - len(test)))
    assert not (train & val or train & test or val & test)
    assert train | val | test == set(NAMES)
    assert set(s.train_all) == train | val


def test_deterministic_and_independent_of_input_order():
    a = splits.make_split(NAMES, seed=3)
    b = splits.make_split(list(reversed(NAMES)), seed=3)
    assert a == b


def test_seeds_give_different_test_parts():
    tests = {splits.make_split(NAMES, seed).test for seed in splits.DEFAULT_SEEDS}
    assert len(tests) == len(splits.DEFAULT_SEEDS)


def test_validation_fraction_does_not_move_test_images():
    assert splits.make_split(NAMES, 1, val_fraction=0.0).test == splits.make_split(NAMES, 1, val_fraction=0.15).test


def test_bad_fraction_rejected():
    with pytest.raises(ValueError):
        splits.make_split(NAMES, 0, test_fraction=1.0)


def test_load_clive(clive_root):
    rows = splits.load_clive(clive_root)
    assert len(rows) == len({n for n, _ in rows}) > 0
    assert all(0 <= mos <= 100 for _, mos in rows)
    name = rows[0][0]
    assert splits.open_image(clive_root, name).mode == "RGB"


def test_split_or_all_holds_nothing_out_for_the_shipped_models_and_splits_otherwise():
    names = [f"img{i:03d}.png" for i in range(50)]
    everything = splits.split_or_all(reversed(names), None)
    assert everything.train == tuple(names) and everything.val == everything.test == ()
    assert splits.split_or_all(names, 3, 0.2) == splits.make_split(names, 3, val_fraction=0.2)
    assert splits.parse_split_seed("all") is None and splits.parse_split_seed("4") == 4
