using MailStreams.Host.Tests.Secrets;

namespace MailStreams.Host.Tests.Cli;

/// <summary><c>mailstreams secrets</c> as an operator uses it, as a real process.</summary>
public sealed class SecretsCommandTests : IDisposable
{
    private readonly AgeKeys _keys = new();

    [Fact]
    public async Task Sets_gets_lists_adds_a_recipient_and_deletes_with_consistent_exit_codes()
    {
        var (laptop, _) = _keys.New("laptop");
        var (server, serverRecipient) = _keys.New("server");
        var file = Path.Combine(_keys.Directory, "secrets.encrypted.yaml");
        var asLaptop = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = laptop, ["MAILSTREAMS_SECRETS"] = file };
        var asServer = new Dictionary<string, string> { ["SOPS_AGE_KEY"] = File.ReadAllText(server), ["MAILSTREAMS_SECRETS"] = file };

        Assert.Equal(0, (await CliProcess.RunAsync(["secrets", "set", "RESEND_API_KEY", "re_1"], asLaptop)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(["secrets", "set", "TOKEN"], asLaptop, input: "from stdin\n")).ExitCode);
        Assert.Equal(1, (await CliProcess.RunAsync(["secrets", "get", "TOKEN"], asServer)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(["secrets", "add-recipient", serverRecipient], asLaptop)).ExitCode);

        var got = await CliProcess.RunAsync(["secrets", "get", "TOKEN"], asServer);
        Assert.Equal((0, "from stdin"), (got.ExitCode, got.Output.Trim()));
        var list = await CliProcess.RunAsync(["secrets", "list"], asServer);
        Assert.Equal(["RESEND_API_KEY", "TOKEN"], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, (await CliProcess.RunAsync(["secrets", "delete", "TOKEN"], asServer)).ExitCode);
        var missing = await CliProcess.RunAsync(["secrets", "get", "TOKEN"], asLaptop);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no secret named 'TOKEN'", missing.Error);
    }

    [Theory]
    [InlineData("secrets")]
    [InlineData("secrets", "set")]
    [InlineData("run")]
    [InlineData("status")]
    public async Task Every_command_explains_itself_with_help(params string[] command)
    {
        var result = await CliProcess.RunAsync([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output);
    }

    [Fact]
    public async Task An_unknown_option_is_bad_usage()
    {
        var result = await CliProcess.RunAsync(["secrets", "list", "--no-such-option"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error);
    }

    public void Dispose() => _keys.Dispose();
}
