using Jint;
using Jint.Native;
using Jint.Native.Object;
using MailStreams.Mail;

namespace MailStreams.Tools;

/// <summary>
/// Converts what a tool returned (already unwrapped if it was a promise) into an outcome: a string is the
/// reply text, a reply object sets subject/text/html/to/cc (to/cc: a string or an array of strings), null or
/// undefined means no reply; anything else, an unknown field or a field of the wrong type is a failure.
/// Runs on the engine's thread, because reading fields may run the tool's getters.
/// </summary>
internal static class ToolResults
{
    private static readonly HashSet<string> ReplyFields = ["subject", "text", "html", "to", "cc"];

    public static ToolOutcome Convert(JsValue result, string toolName)
    {
        if (result.IsNull() || result.IsUndefined()) return ToolOutcome.NoReply.Instance;
        if (result.IsString()) return new ToolOutcome.Replied(new Reply { Text = result.AsString() });
        if (!result.IsObject() || result.IsArray() || result.IsCallable() || result.IsPromise())
            return Invalid(toolName, $"{Describe(result)} (a tool returns a string, a reply object or null)");

        var reply = result.AsObject();
        foreach (var key in reply.GetOwnPropertyKeys(Jint.Runtime.Types.String))
        {
            var name = key.AsString();
            var descriptor = reply.GetOwnProperty(key);
            if (descriptor.Enumerable && !ReplyFields.Contains(name))
                return Invalid(toolName, $"unknown field '{name}' (a reply has subject, text, html, to, cc)");
        }
        try
        {
            return new ToolOutcome.Replied(new Reply
            {
                Subject = Text(reply, "subject"),
                Text = Text(reply, "text"),
                Html = Text(reply, "html"),
                To = Addresses(reply, "to"),
                Cc = Addresses(reply, "cc"),
            });
        }
        catch (InvalidReplyField field)
        {
            return Invalid(toolName, field.Message);
        }
    }

    private static ToolOutcome.Failed Invalid(string toolName, string problem) =>
        new($"tool '{toolName}' returned an invalid reply: {problem}", false);

    private static string? Text(ObjectInstance reply, string field)
    {
        var value = reply.Get(field);
        if (value.IsNull() || value.IsUndefined()) return null;
        return value.IsString() ? value.AsString() : throw new InvalidReplyField($"field '{field}' must be a string (got {Describe(value)})");
    }

    private static IReadOnlyList<string>? Addresses(ObjectInstance reply, string field)
    {
        var value = reply.Get(field);
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsString()) return [value.AsString()];
        const string Expected = "must be a string or an array of strings";
        if (!value.IsArray()) throw new InvalidReplyField($"field '{field}' {Expected} (got {Describe(value)})");
        var array = value.AsArray();
        var addresses = new List<string>();
        for (var i = 0; i < array.Length; i++)
        {
            var item = array.Get(i);
            addresses.Add(item.IsString()
                ? item.AsString()
                : throw new InvalidReplyField($"field '{field}' {Expected} (item {i} is {Describe(item)})"));
        }
        return addresses;
    }

    private static string Describe(JsValue value) => value switch
    {
        _ when value.IsNull() => "null",
        _ when value.IsUndefined() => "undefined",
        _ when value.IsString() => "a string",
        _ when value.IsNumber() => "a number",
        _ when value.IsBoolean() => "a boolean",
        _ when value.IsBigInt() => "a bigint",
        _ when value.IsSymbol() => "a symbol",
        _ when value.IsArray() => "an array",
        _ when value.IsCallable() => "a function",
        _ when value.IsPromise() => "a promise",
        _ => "an object",
    };

    private sealed class InvalidReplyField(string message) : Exception(message);
}
