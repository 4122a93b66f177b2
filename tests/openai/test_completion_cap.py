"""Every model call carries a max_completion_tokens cap (issue 14); a server that refuses the
parameter is asked again without it, as with temperature."""

from __future__ import annotations

from estel.brains.openai.brain import MAX_COMPLETION_TOKENS, OpenAIBrain, make_client
from estel.engine import Engine


def test_every_request_caps_the_completion(fake, kit):
    settings = kit.make_settings(fake.base_url)
    engine = Engine(OpenAIBrain(make_client(settings), settings))
    envelope = kit.run(kit.start_request(), engine)
    kit.run(kit.answer_request(envelope, "I build APIs and measure their latency."), engine)
    assert fake.requests
    assert {r.body.get("max_completion_tokens") for r in fake.requests} == {MAX_COMPLETION_TOKENS}
    assert all("max_tokens" not in r.body for r in fake.requests)  # the deprecated name


def test_a_server_that_rejects_the_cap_is_asked_without_it(fake, kit):
    fake.add(kit.error(400, "Unrecognized request argument supplied: max_completion_tokens"))
    settings = kit.make_settings(fake.base_url, openai_model="old-server-model")
    engine = Engine(OpenAIBrain(make_client(settings), settings))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "success", envelope
    assert [("max_completion_tokens" in r.body) for r in fake.requests] == [True, False]
