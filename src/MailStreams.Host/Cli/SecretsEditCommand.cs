using System.CommandLine;
using System.Diagnostics;
using MailStreams.Host.Secrets;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams secrets edit</c>: the decrypted secrets as <c>NAME=value</c> lines in a private temporary file,
/// opened in <c>$EDITOR</c> (default vi); what is saved there replaces the secrets. The temporary file is removed.
/// </summary>
internal static class SecretsEditCommand
{
    public static Command Create()
    {
        var command = new Command("edit", "Edit all secrets in $EDITOR as NAME=value lines.");
        command.SetAction(parse => SecretsCommand.Run(parse, (secrets, save) =>
        {
            var directory = Directory.CreateTempSubdirectory("mailstreams-secrets-");
            try
            {
                var path = Path.Combine(directory.FullName, "secrets.env");
                File.WriteAllLines(path, secrets.Values.Select(v => $"{v.Key}={v.Value.ReplaceLineEndings("\\n")}"));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var editor = Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } e ? e : "vi";
                using (var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", editor + " \"$1\"", "edit", path } })!)
                {
                    process.WaitForExit();
                    if (process.ExitCode != 0) return CommonOptions.Fail($"the editor exited with {process.ExitCode}: nothing changed");
                }
                var edited = new List<KeyValuePair<string, string>>();
                foreach (var line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
                {
                    var eq = line.IndexOf('=');
                    if (eq <= 0) return CommonOptions.Fail($"not a NAME=value line: '{line}': nothing changed", 2);
                    edited.Add(KeyValuePair.Create(line[..eq].Trim(), line[(eq + 1)..].Replace("\\n", "\n")));
                }
                foreach (var (name, _) in secrets.Values) secrets.Delete(name);
                foreach (var (name, value) in edited) secrets.Set(name, value);
                save();
                Console.WriteLine($"saved {edited.Count} secrets");
                return 0;
            }
            finally { directory.Delete(recursive: true); }
        }));
        return command;
    }
}
