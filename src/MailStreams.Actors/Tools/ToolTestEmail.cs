using System.Text.Json;
using System.Text.Json.Nodes;
using MailStreams.Mail;

namespace MailStreams.Tools;

/// <summary>
/// Builds the <see cref="Email"/> a <c>$TESTS</c> case hands its tool: a string input is the text of a mail from
/// test@example.com to the tool's inbox; an object input is an email whose missing fields get those defaults.
/// </summary>
internal static class ToolTestEmail
{
    public const string DefaultFrom = "test@example.com";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The email, or a description of why the input is not one.</summary>
    public static (Email? Email, string? Problem) From(ToolTestCase test)
    {
        var input = test.Input is JsonObject fields ? (JsonObject)fields.DeepClone() : new JsonObject { ["text"] = test.Input.GetValue<string>() };
        input.TryAdd("id", $"test-{test.Index}");
        input.TryAdd("source", "test");
        input.TryAdd("from", DefaultFrom);
        input.TryAdd("to", new JsonArray($"{test.ToolName}@example.com"));
        input.TryAdd("subject", "");
        input.TryAdd("receivedAt", ReceivedAt.ToString("O"));
        try
        {
            return (MailJson.Deserialize<Email>(JsonSerializer.SerializeToUtf8Bytes(input, MailJson.Options)), null);
        }
        catch (JsonException e)
        {
            return (null, $"input is not a valid email: {e.Message}");
        }
    }
}
