"""The deterministic FakeEmbedder and the Embedder protocol."""

import numpy as np
import pytest

from urbanforum.engines.matching.embedders import E5Embedder, Embedder, FakeEmbedder, l2_normalise


def test_fake_embedder_is_deterministic_normalised_and_similarity_aware() -> None:
    e = FakeEmbedder(dim=64)
    texts = ["snow clearing of streets", "clearing snow from the streets", "district heating"]
    a = e.embed_passages(texts)
    b = FakeEmbedder(dim=64).embed_queries(texts)
    assert a.dtype == np.float32 and a.shape == (3, 64)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-6)
    sims = a @ a.T
    assert sims[0, 1] > 0.6 > sims[0, 2]
    assert e.model_id == "fake-hashing-64" and e.dim == 64


def test_both_embedders_satisfy_the_protocol_without_loading_a_model() -> None:
    assert isinstance(FakeEmbedder(), Embedder)
    e5 = E5Embedder()
    assert isinstance(e5, Embedder)
    assert e5.dim == 384 and e5.embed_queries([]).shape == (0, 384)


def test_l2_normalise_keeps_zero_rows() -> None:
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])
    assert out.dtype == np.float32


def test_vectors_round_trip_through_bytes_and_length_is_checked() -> None:
    from urbanforum.engines.matching import content_hash, vector_to_bytes, vectors_from_bytes

    vecs = FakeEmbedder(8).embed_passages(["a b", "c d"])
    blobs = [vector_to_bytes(v) for v in vecs]
    assert [len(b) for b in blobs] == [32, 32]
    np.testing.assert_array_equal(vectors_from_bytes(blobs, 8), vecs)
    with pytest.raises(ValueError, match="vector 0 has 32 bytes, expected 16"):
        vectors_from_bytes(blobs, 4)
    assert content_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
