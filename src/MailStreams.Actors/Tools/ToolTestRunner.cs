using System.Text.Json;
using System.Text.Json.Nodes;
using MailStreams.Mail;

namespace MailStreams.Tools;

/// <summary>
/// Runs a package's <c>$TESTS</c> one by one, each case in a fresh engine through the same
/// <see cref="ToolInvoker"/> path as real mail, and compares the outcome with the case's expectation.
/// </summary>
internal sealed class ToolTestRunner(ToolInvoker invoker)
{
    private static readonly string[] ReplyFields = ["subject", "text", "html", "to", "cc"];

    public async Task<IReadOnlyList<ToolTestResult>> RunAsync(ToolPackage package, CancellationToken cancellation)
    {
        var results = new List<ToolTestResult>(package.Tests.Count);
        foreach (var test in package.Tests)
        {
            var problem = await RunAsync(package, test, cancellation).ConfigureAwait(false);
            results.Add(new ToolTestResult(test.Index, test.DisplayName, problem is null, problem ?? "passed"));
        }
        return results;
    }

    /// <summary>Null when the case passes, else what differed.</summary>
    private async Task<string?> RunAsync(ToolPackage package, ToolTestCase test, CancellationToken cancellation)
    {
        var (email, inputProblem) = ToolTestEmail.From(test);
        if (email is null) return inputProblem;
        var outcome = await invoker.InvokeAsync(package, test.ToolName, email, cancellation).ConfigureAwait(false);
        if (outcome is ToolOutcome.Failed failed) return $"expected {DescribeExpected(test.Expected)} but the tool failed: {failed.Error}";
        var reply = (outcome as ToolOutcome.Replied)?.Reply;
        return test.Expected switch
        {
            null => reply is null ? null : $"expected no reply but got {DescribeReply(reply)}",
            JsonObject fields => CompareFields(fields, reply),
            _ when reply is null => $"expected {Quote(test.Expected.GetValue<string>())} but got no reply",
            _ => reply.Text == test.Expected.GetValue<string>() ? null
                : $"expected {Quote(test.Expected.GetValue<string>())} but got {DescribeReply(reply)}",
        };
    }

    private static string? CompareFields(JsonObject expected, Reply? reply)
    {
        if (reply is null) return $"expected a reply {expected.ToJsonString(MailJson.Options)} but got no reply";
        var differences = new List<string>();
        foreach (var (field, value) in expected)
        {
            if (!ReplyFields.Contains(field))
            {
                differences.Add($"'expected' has unknown field '{field}' (a reply has {string.Join(", ", ReplyFields)})");
                continue;
            }
            var wanted = Normalize(value, field is "to" or "cc");
            var actual = Actual(reply, field);
            if (wanted is null && value is not null)
                differences.Add($"{field}: expected value must be a string{(field is "to" or "cc" ? " or an array of strings" : "")} or null");
            else if (!Same(wanted, actual))
                differences.Add($"{field}: expected {Show(wanted)} but got {Show(actual)}");
        }
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static IReadOnlyList<string>? Actual(Reply reply, string field) => field switch
    {
        "subject" => reply.Subject is null ? null : [reply.Subject],
        "text" => reply.Text is null ? null : [reply.Text],
        "html" => reply.Html is null ? null : [reply.Html],
        "to" => reply.To,
        _ => reply.Cc,
    };

    /// <summary>A string as a one-item list, an array of strings as a list, anything else (or null) as null.</summary>
    private static IReadOnlyList<string>? Normalize(JsonNode? value, bool list)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return [v.GetValue<string>()];
        if (!list || value is not JsonArray items) return null;
        var strings = items.OfType<JsonValue>().Where(s => s.GetValueKind() == JsonValueKind.String).Select(s => s.GetValue<string>()).ToList();
        return strings.Count == items.Count ? strings : null;
    }

    private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b, StringComparer.Ordinal);

    private static string Show(IReadOnlyList<string>? value) => value switch
    {
        null => "nothing",
        [var single] => Quote(single),
        _ => "[" + string.Join(", ", value.Select(Quote)) + "]",
    };

    private static string DescribeExpected(JsonNode? expected) => expected switch
    {
        null => "no reply",
        JsonObject fields => "a reply " + fields.ToJsonString(MailJson.Options),
        _ => Quote(expected.GetValue<string>()),
    };

    private static string DescribeReply(Reply reply) =>
        reply.Text is not null ? Quote(reply.Text) : $"a reply without text {JsonSerializer.Serialize(reply, MailJson.Options)}";

    private static string Quote(string text) => "'" + text + "'";
}
