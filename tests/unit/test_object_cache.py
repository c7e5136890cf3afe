import pytest

from chalicelib.adapters import object_cache


@pytest.fixture(autouse=True)
def small_cache(monkeypatch):
    monkeypatch.setenv("OBJECT_CACHE_MB", "1")
    object_cache.clear()
    yield
    object_cache.clear()


class Bucket:
    def __init__(self, objects: dict):
        self.objects, self.asked = objects, []

    def fetch(self, keys):
        self.asked.append(list(keys))
        return [self.objects.get(key) for key in keys]


def test_a_body_read_once_is_served_from_memory_after():
    bucket = Bucket({"a": b"1", "b": b"2"})

    first = object_cache.get_many("data", ["a", "b"], bucket.fetch)
    again = object_cache.get_many("data", ["b", "a"], bucket.fetch)

    assert first == [b"1", b"2"] and again == [b"2", b"1"]
    assert bucket.asked == [["a", "b"]]


def test_only_the_keys_not_held_are_fetched_and_a_missing_object_is_asked_for_again():
    bucket = Bucket({"a": b"1"})
    object_cache.get_many("data", ["a"], bucket.fetch)

    assert object_cache.get_many("data", ["a", "gone"], bucket.fetch) == [b"1", None]
    assert object_cache.get_many("data", ["gone"], bucket.fetch) == [None]
    assert bucket.asked == [["a"], ["gone"], ["gone"]]


def test_the_same_key_in_another_bucket_is_another_object():
    object_cache.get_many("one", ["k"], Bucket({"k": b"1"}).fetch)

    assert object_cache.get_many("two", ["k"], Bucket({"k": b"2"}).fetch) == [b"2"]


def test_the_budget_in_bytes_holds_the_least_recently_used_go_first_and_a_body_over_budget_is_not_kept():
    megabyte = 1024 * 1024
    bucket = Bucket({"a": b"a" * (megabyte // 2), "b": b"b" * (megabyte // 2), "c": b"c" * (megabyte // 2),
                     "huge": b"h" * (megabyte + 1)})
    object_cache.get_many("data", ["a", "b"], bucket.fetch)
    object_cache.get_many("data", ["a"], bucket.fetch)  # a is now the most recently used
    object_cache.get_many("data", ["c"], bucket.fetch)  # b makes room for c
    bucket.asked.clear()

    object_cache.get_many("data", ["a", "c"], bucket.fetch)
    object_cache.get_many("data", ["b", "huge"], bucket.fetch)
    object_cache.get_many("data", ["huge"], bucket.fetch)

    assert bucket.asked == [["b", "huge"], ["huge"]]
