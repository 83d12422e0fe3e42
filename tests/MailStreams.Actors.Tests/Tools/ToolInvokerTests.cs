using System.Text.Json;
using MailStreams.Mail;
using MailStreams.Testing;
using MailStreams.Tools;
using Microsoft.Extensions.Logging;

namespace MailStreams.Actors.Tests.Tools;

public sealed class ToolInvokerTests
{
    private const string Tools = """
        export const text = (email) => `${email.subject}: ${email.text}`;
        export const object = (email) => ({ subject: "Re: " + email.subject, text: "t", html: "<b>h</b>", to: "a@example.org", cc: ["b@example.org", "c@example.org"] });
        export const nothing = () => null;
        export const undef = () => {};
        export const later = async (email) => { await null; return email.text.toUpperCase(); };
        export const laterNothing = async () => { await null; return null; };
        export const number = () => 42;
        export const array = () => ["a"];
        export const badTo = () => ({ text: "x", to: 5 });
        export const badCcItem = () => ({ text: "x", cc: ["a@example.org", 7] });
        export const badSubject = () => ({ subject: 1 });
        export const typo = () => ({ txt: "x" });
        export const thrower = () => {
          throw new Error("no way: " + 42);
        };
        export const rejecter = async () => { await null; throw new TypeError("async no way"); };
        export const fields = (email) => JSON.stringify({ from: email.from, to: email.to, id: email.id,
          mailer: email.headers["x-mailer"], at: email.receivedAt, cc: email.cc, hasHtml: "html" in email });
        let calls = 0;
        export const counter = () => String(++calls);
        export const logs = (email) => { console.log("seen", email.id, { n: 1 }); console.warn("careful"); return null; };
        export const notAFunction = 5;
        export const iterate = (email) => [...email.text].length + "/" + email.text.length;
        """;

    [Fact]
    public async Task A_string_result_becomes_the_reply_text()
    {
        var reply = Assert.IsType<ToolOutcome.Replied>(await Invoke("text", ToolFolders.Email("body"))).Reply;
        Assert.Equal(new Reply { Text = "Hello: body" }, reply);
    }

    [Fact]
    public async Task An_object_result_sets_every_reply_field()
    {
        var reply = Assert.IsType<ToolOutcome.Replied>(await Invoke("object", ToolFolders.Email("x"))).Reply;
        Assert.Equal("Re: Hello", reply.Subject);
        Assert.Equal("t", reply.Text);
        Assert.Equal("<b>h</b>", reply.Html);
        Assert.Equal(["a@example.org"], reply.To!);
        Assert.Equal(["b@example.org", "c@example.org"], reply.Cc!);
    }

    [Theory]
    [InlineData("nothing")]
    [InlineData("undef")]
    [InlineData("laterNothing")]
    public async Task Null_or_undefined_means_no_reply(string tool) =>
        Assert.IsType<ToolOutcome.NoReply>(await Invoke(tool, ToolFolders.Email("x")));

    [Fact]
    public async Task An_async_tool_is_awaited()
    {
        var reply = Assert.IsType<ToolOutcome.Replied>(await Invoke("later", ToolFolders.Email("quiet"))).Reply;
        Assert.Equal("QUIET", reply.Text);
    }

    [Theory]
    [InlineData("number", "a number")]
    [InlineData("array", "an array")]
    [InlineData("badTo", "field 'to' must be a string or an array of strings (got a number)")]
    [InlineData("badCcItem", "field 'cc' must be a string or an array of strings (item 1 is a number)")]
    [InlineData("badSubject", "field 'subject' must be a string (got a number)")]
    [InlineData("typo", "unknown field 'txt'")]
    public async Task A_result_of_the_wrong_shape_fails_with_what_is_wrong(string tool, string problem)
    {
        var failed = Assert.IsType<ToolOutcome.Failed>(await Invoke(tool, ToolFolders.Email("x")));
        Assert.StartsWith($"tool '{tool}' returned", failed.Error);
        Assert.Contains(problem, failed.Error);
        Assert.False(failed.TimedOut);
    }

    [Fact]
    public async Task A_throwing_tool_fails_with_the_js_message_and_location()
    {
        var failed = Assert.IsType<ToolOutcome.Failed>(await Invoke("thrower", ToolFolders.Email("x")));
        Assert.Contains("Error: no way: 42", failed.Error);
        Assert.Contains("index.js:14", failed.Error);
        Assert.False(failed.TimedOut);
    }

    [Fact]
    public async Task A_rejected_promise_fails_with_the_rejection()
    {
        var failed = Assert.IsType<ToolOutcome.Failed>(await Invoke("rejecter", ToolFolders.Email("x")));
        Assert.Contains("TypeError: async no way", failed.Error);
    }

    [Fact]
    public async Task The_tool_sees_the_email_as_plain_camel_case_json()
    {
        var reply = Assert.IsType<ToolOutcome.Replied>(await Invoke("fields", ToolFolders.Email("x"))).Reply;
        using var seen = JsonDocument.Parse(reply.Text!);
        var root = seen.RootElement;
        Assert.Equal("Ann Example <ann@example.org>", root.GetProperty("from").GetString());
        Assert.Equal("reverser@example.com", root.GetProperty("to")[0].GetString());
        Assert.Equal("email-1", root.GetProperty("id").GetString());
        Assert.Equal("test", root.GetProperty("mailer").GetString());
        Assert.Equal("2026-12-03T10:00:00+00:00", root.GetProperty("at").GetString());
        Assert.Equal(0, root.GetProperty("cc").GetArrayLength());
        Assert.False(root.GetProperty("hasHtml").GetBoolean());
    }

    [Fact]
    public async Task The_string_iterator_yields_grapheme_clusters_in_this_engine()
    {
        // Node would say "5/6" (code points); tools/README.md warns about this difference.
        var reply = Assert.IsType<ToolOutcome.Replied>(await Invoke("iterate", ToolFolders.Email("e\u0301\r\n😀"))).Reply;
        Assert.Equal("3/6", reply.Text);
    }

    [Fact]
    public async Task Module_state_does_not_survive_between_calls()
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, Tools);
        var invoker = new ToolInvoker(ToolFolders.FastLimits);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var reply = Assert.IsType<ToolOutcome.Replied>(await invoker.InvokeAsync(package, "counter", ToolFolders.Email("x"), default));
            Assert.Equal("1", reply.Reply.Text);
        }
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("notAFunction")]
    [InlineData("$TESTS")]
    [InlineData("constructor")]
    public async Task An_unknown_tool_name_fails_and_lists_the_tools(string tool)
    {
        var failed = Assert.IsType<ToolOutcome.Failed>(await Invoke(tool, ToolFolders.Email("x")));
        Assert.Contains($"no tool '{tool}'", failed.Error);
        Assert.Contains("(tools: array, badCcItem, badSubject, badTo, counter,", failed.Error);
    }

    [Fact]
    public async Task Console_output_goes_to_the_logger_with_tool_and_email()
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, Tools);
        var logger = new CollectingLogger<ToolInvoker>();
        await new ToolInvoker(ToolFolders.FastLimits, logger).InvokeAsync(package, "logs", ToolFolders.Email("x"), default);

        var info = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal("Tool logs (email email-1): seen email-1 {\"n\":1}", info.Message);
        Assert.Contains("Tool=logs", info.Scopes);
        Assert.Contains("EmailId=email-1", info.Scopes);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.EndsWith("careful"));
    }

    [Fact]
    public async Task Calls_from_eight_threads_on_one_package_are_all_correct()
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, Tools);
        var invoker = new ToolInvoker(ToolFolders.FastLimits);
        var workers = Enumerable.Range(0, 8).Select(thread => Task.Run(async () =>
        {
            var wrong = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                var body = $"t{thread}-{i}";
                var tool = i % 2 == 0 ? "text" : "later";
                var outcome = await invoker.InvokeAsync(package, tool, ToolFolders.Email(body), default);
                var expected = tool == "text" ? "Hello: " + body : body.ToUpperInvariant();
                if ((outcome as ToolOutcome.Replied)?.Reply.Text != expected) wrong.Add($"{body}: {outcome}");
            }
            return wrong;
        })).ToList();

        var errors = (await Task.WhenAll(workers)).SelectMany(w => w).ToList();
        Assert.Empty(errors);
    }

    private static async Task<ToolOutcome> Invoke(string tool, Email email)
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, Tools);
        return await new ToolInvoker(ToolFolders.FastLimits).InvokeAsync(package, tool, email, default);
    }
}
