using MailStreams.Testing;
using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

public sealed class ToolTestRunnerTests
{
    private const string Echo = """
        export const echo = (email) => email.text || null;
        export const card = (email) => `${email.from}|${email.subject}|${email.text}|${email.to.join(",")}`;
        export const full = () => ({ subject: "Re", text: "t", to: ["a@example.org", "b@example.org"] });
        export const broken = () => { throw new Error("kaputt"); };
        """;

    [Fact]
    public async Task Passing_cases_pass_with_their_names()
    {
        var results = await Run("""
            { name: "echoes", stream: "inbox/echo", input: "a", expected: "a" },
            { stream: "echo", input: "", expected: null },
            { stream: "inbox/full", input: "x", expected: { subject: "Re", to: ["a@example.org", "b@example.org"] } },
            { stream: "inbox/full", input: "x", expected: "t" },
            """);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
        Assert.Equal(["echoes", "$TESTS[1] echo", "$TESTS[2] inbox/full", "$TESTS[3] inbox/full"], results.Select(r => r.Name));
    }

    [Theory]
    [InlineData("""{ stream: "inbox/echo", input: "a", expected: "b" }""", "expected 'b' but got 'a'")]
    [InlineData("""{ stream: "inbox/echo", input: "a", expected: null }""", "expected no reply but got 'a'")]
    [InlineData("""{ stream: "inbox/echo", input: "", expected: "x" }""", "expected 'x' but got no reply")]
    [InlineData("""{ stream: "inbox/full", input: "x", expected: { subject: "Fw", text: "t" } }""", "subject: expected 'Fw' but got 'Re'")]
    [InlineData("""{ stream: "inbox/full", input: "x", expected: { to: "a@example.org" } }""", "to: expected 'a@example.org' but got ['a@example.org', 'b@example.org']")]
    [InlineData("""{ stream: "inbox/full", input: "x", expected: { html: "<p>" } }""", "html: expected '<p>' but got nothing")]
    [InlineData("""{ stream: "inbox/full", input: "x", expected: { body: "t" } }""", "unknown field 'body'")]
    [InlineData("""{ stream: "inbox/broken", input: "x", expected: "y" }""", "expected 'y' but the tool failed: tool 'broken' threw Error: kaputt")]
    [InlineData("""{ stream: "inbox/nope", input: "x", expected: "y" }""", "no tool 'nope'")]
    [InlineData("""{ stream: "inbox/echo", input: { to: 5 }, expected: null }""", "input is not a valid email")]
    public async Task A_failing_case_says_what_was_expected_and_what_came(string testCase, string message)
    {
        var result = Assert.Single(await Run(testCase + ","));
        Assert.False(result.Passed);
        Assert.Contains(message, result.Message);
    }

    [Fact]
    public async Task Missing_input_fields_get_defaults()
    {
        var result = Assert.Single(await Run("""
            { stream: "inbox/card", input: { text: "t" }, expected: "test@example.com||t|card@example.com" },
            """));
        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task A_string_input_is_the_text_of_a_mail_from_the_test_sender()
    {
        var result = Assert.Single(await Run("""{ stream: "card", input: "hi", expected: "test@example.com||hi|card@example.com" },"""));
        Assert.True(result.Passed, result.Message);
    }

    private static async Task<IReadOnlyList<ToolTestResult>> Run(string cases)
    {
        using var dir = new TempDirectory();
        var package = await ToolFolders.LoadIndex(dir, Echo + "\nexport const $TESTS = [\n" + cases + "\n];");
        return await new ToolTestRunner(new ToolInvoker(ToolFolders.FastLimits)).RunAsync(package, default);
    }
}
