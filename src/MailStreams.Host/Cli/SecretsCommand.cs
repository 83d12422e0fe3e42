using System.CommandLine;
using MailStreams.Host.Secrets;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams secrets get|set|delete|list|edit|add-recipient</c>: manage a SOPS file encrypted to age recipients
/// (this machine, the server, CI). The file is <c>--file</c>, else <c>MAILSTREAMS_SECRETS</c>, else
/// <c>secrets.encrypted.yaml</c>; the identity <c>--identity</c>, else as SOPS finds it.
/// </summary>
internal static class SecretsCommand
{
    private static readonly Option<string> FileOption = new("--file", "-f")
    {
        Description = "the encrypted file (env MAILSTREAMS_SECRETS; default secrets.encrypted.yaml; .json for JSON)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MAILSTREAMS_SECRETS") is { Length: > 0 } f ? f : "secrets.encrypted.yaml",
        Recursive = true,
    };

    private static readonly Option<string?> IdentityOption = new("--identity", "-i")
    {
        Description = "age identity file (default: SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, ~/.config/sops/age/keys.txt)",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("secrets", "Manage the SOPS-encrypted secrets file (age recipients).");
        command.Options.Add(FileOption);
        command.Options.Add(IdentityOption);
        command.Subcommands.Add(Get());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(List());
        command.Subcommands.Add(SecretsEditCommand.Create());
        command.Subcommands.Add(AddRecipient());
        return command;
    }

    private static Command Get()
    {
        var key = new Argument<string>("key") { Description = "the secret's name" };
        var command = new Command("get", "Print one secret's value.") { key };
        command.SetAction(parse => Run(parse, (file, _) =>
        {
            var value = file.Get(parse.GetValue(key)!);
            if (value is null) return CommonOptions.Fail($"no secret named '{parse.GetValue(key)}'");
            Console.WriteLine(value);
            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var key = new Argument<string>("key") { Description = "the secret's name (nested: a:b)" };
        var value = new Argument<string?>("value") { Description = "the value (default: read from standard input)", Arity = ArgumentArity.ZeroOrOne };
        var recipients = new Option<string[]>("--recipient", "-r")
        {
            Description = "age recipients for a new file (default: the identity's own)", AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("set", "Set a secret (creates the file if needed).") { key, value, recipients };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(key)!;
            if (name.Length == 0 || name.Contains('\n')) return CommonOptions.Fail("a secret's name must be one non-empty line", 2);
            var text = parse.GetValue(value) ?? Console.In.ReadToEnd().TrimEnd('\n', '\r');
            return Run(parse, (file, save) =>
            {
                file.Set(name, text);
                save();
                Console.WriteLine($"set {name}");
                return 0;
            }, createWith: parse.GetValue(recipients));
        });
        return command;
    }

    private static Command Delete()
    {
        var key = new Argument<string>("key") { Description = "the secret's name" };
        var command = new Command("delete", "Remove a secret.") { key };
        command.SetAction(parse => Run(parse, (file, save) =>
        {
            if (!file.Delete(parse.GetValue(key)!)) return CommonOptions.Fail($"no secret named '{parse.GetValue(key)}'");
            save();
            Console.WriteLine($"deleted {parse.GetValue(key)}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the secrets' names and the file's recipients (never the values).");
        command.SetAction(parse => Run(parse, (file, _) =>
        {
            foreach (var (name, _) in file.Values) Console.WriteLine(name);
            Console.Error.WriteLine($"recipients: {string.Join(", ", file.Recipients)}");
            return 0;
        }));
        return command;
    }

    private static Command AddRecipient()
    {
        var recipient = new Argument<string>("recipient") { Description = "an age public key (age1…)" };
        var command = new Command("add-recipient", "Let one more age key decrypt the file (e.g. a server's or CI's).") { recipient };
        command.SetAction(parse => Run(parse, (file, save) =>
        {
            if (!file.AddRecipient(parse.GetValue(recipient)!)) { Console.WriteLine("already a recipient: nothing changed"); return 0; }
            save();
            Console.WriteLine($"added {parse.GetValue(recipient)}; recipients: {file.Recipients.Count}");
            return 0;
        }));
        return command;
    }

    /// <summary>Opens the file (or creates it when <paramref name="createWith"/> is given and it does not exist) and runs the action.</summary>
    internal static int Run(ParseResult parse, Func<SecretsFile, Action, int> action, string[]? createWith = null)
    {
        var path = parse.GetValue(FileOption)!;
        try
        {
            using var identity = AgeIdentity.Find(parse.GetValue(IdentityOption), Environment.GetEnvironmentVariable);
            SecretsFile file;
            if (!File.Exists(path) && createWith is not null)
                file = SecretsFile.New(createWith.Length > 0 ? createWith : AgeTool.RecipientsOf(identity.File));
            else file = SecretsFile.Open(path, identity);
            return action(file, () => file.Save(path, DateTimeOffset.UtcNow));
        }
        catch (SecretsException e)
        {
            return CommonOptions.Fail(e.Message);
        }
    }
}
