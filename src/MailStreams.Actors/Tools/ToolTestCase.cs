using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailStreams.Tools;

/// <summary>
/// One entry of a package's <c>$TESTS</c>: <c>{ stream, input, expected, name? }</c>, read as JSON when the package
/// is loaded. <c>stream</c> is <c>inbox/&lt;tool&gt;</c> or <c>&lt;tool&gt;</c>; <c>input</c> is the email text or an
/// email-like object; <c>expected</c> is the reply text, null for no reply, or an object of reply fields.
/// </summary>
internal sealed record ToolTestCase(int Index, string? Name, string Stream, JsonNode Input, JsonNode? Expected)
{
    private const string InboxPrefix = "inbox/";

    /// <summary>The tool the case calls.</summary>
    public string ToolName => Stream.StartsWith(InboxPrefix, StringComparison.Ordinal) ? Stream[InboxPrefix.Length..] : Stream;

    /// <summary>The case's name, or its position and stream.</summary>
    public string DisplayName => Name ?? $"$TESTS[{Index}] {Stream}";

    /// <summary>Reads the JSON of a <c>$TESTS</c> export; shape errors become <see cref="ToolLoadException"/>.</summary>
    public static IReadOnlyList<ToolTestCase> ParseAll(string json, string file)
    {
        if (JsonNode.Parse(json) is not JsonArray cases)
            throw new ToolLoadException($"{file}: $TESTS must be an array of {{ stream, input, expected }} objects", file);
        var parsed = new List<ToolTestCase>(cases.Count);
        for (var i = 0; i < cases.Count; i++) parsed.Add(Parse(i, cases[i], file));
        return parsed;
    }

    private static ToolTestCase Parse(int index, JsonNode? node, string file)
    {
        ToolLoadException Bad(string problem) => new($"{file}: $TESTS[{index}] {problem}", file);

        if (node is not JsonObject test) throw Bad("must be an object { stream, input, expected }");
        if (!IsString(test["stream"], out var stream) || stream.Trim().Length == 0)
            throw Bad("needs 'stream', the inbox (\"inbox/<tool>\" or \"<tool>\")");
        var input = test["input"];
        if (!(IsString(input, out _) || input is JsonObject))
            throw Bad("needs 'input', the email text or an email-like object");
        if (!test.TryGetPropertyValue("expected", out var expected))
            throw Bad("needs 'expected': the reply text, a reply object, or null for no reply");
        if (!(expected is null || IsString(expected, out _) || expected is JsonObject))
            throw Bad("'expected' must be the reply text, a reply object, or null for no reply");
        string? name = null;
        if (test["name"] is { } nameNode && !IsString(nameNode, out name)) throw Bad("'name' must be a string");

        return new ToolTestCase(index, name, stream, input!.DeepClone(), expected?.DeepClone());
    }

    private static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        value = "";
        return false;
    }
}
