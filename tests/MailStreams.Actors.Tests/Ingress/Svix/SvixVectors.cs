using System.Text.Json;
using System.Text.Json.Serialization;
using MailStreams.Testing;

using MailStreams.Ingress.Svix;

namespace MailStreams.Actors.Tests.Ingress.Svix;

/// <summary>The cases of Vectors/svix.json (made with the official Svix / Standard Webhooks / Resend libraries).</summary>
internal static class SvixVectors
{
    private static readonly Lazy<IReadOnlyList<SvixVector>> All = new(() =>
        JsonSerializer.Deserialize<List<SvixVector>>(File.ReadAllBytes(TestFiles.Vector("svix.json")))!);

    public static IEnumerable<object[]> Names() => All.Value.Select(v => new object[] { v.Name });

    public static SvixVector Get(string name) => All.Value.Single(v => v.Name == name);
}

internal sealed record SvixVector(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("msg_id")] string MsgId,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("headers")] Dictionary<string, string?> Headers,
    [property: JsonPropertyName("now")] long Now,
    [property: JsonPropertyName("expect")] string Expect)
{
    public byte[] BodyBytes => System.Text.Encoding.UTF8.GetBytes(Body);
    public DateTimeOffset NowTime => DateTimeOffset.FromUnixTimeSeconds(Now);
}

/// <summary>A clock that stays where it is set.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
