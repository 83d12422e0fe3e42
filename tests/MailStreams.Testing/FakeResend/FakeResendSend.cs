using System.Text.Json;

namespace MailStreams.Testing.FakeResend;

/// <summary>A send <see cref="FakeResendServer"/> accepted: the id it answered, the key, the exact body and the request headers.</summary>
internal sealed record FakeResendSend(string Id, string? IdempotencyKey, string BodyJson, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body parsed (a detached copy).</summary>
    public JsonElement Body
    {
        get
        {
            using var document = JsonDocument.Parse(BodyJson);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One request as <see cref="FakeResendServer"/> saw it; <paramref name="Status"/> 0 means it was left unanswered (hang).</summary>
internal sealed record FakeResendRequest(string Method, string Path, int Status);
