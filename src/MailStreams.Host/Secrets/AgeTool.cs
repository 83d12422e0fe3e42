using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace MailStreams.Host.Secrets;

/// <summary>
/// Runs the <c>age</c> and <c>age-keygen</c> programs (Debian package <c>age</c>) to wrap and unwrap the 32-byte data
/// key of a SOPS file: one armored age file per recipient, as SOPS stores them.
/// </summary>
internal static class AgeTool
{
    public static string Encrypt(byte[] dataKey, string recipient)
    {
        var (code, output, error) = Run("age", ["--encrypt", "--armor", "--recipient", recipient], dataKey);
        if (code != 0) throw new SecretsException($"age could not encrypt to '{recipient}': {error.Trim()}");
        return Encoding.ASCII.GetString(output);
    }

    /// <summary>The data key, or null when none of the identities in <paramref name="identityFile"/> opens this stanza.</summary>
    public static byte[]? TryDecrypt(string armored, string identityFile, out string error)
    {
        var (code, output, stderr) = Run("age", ["--decrypt", "--identity", identityFile], Encoding.ASCII.GetBytes(armored));
        error = stderr.Trim();
        return code == 0 ? output : null;
    }

    /// <summary>The public recipients (<c>age1…</c>) of the identities in a key file.</summary>
    public static IReadOnlyList<string> RecipientsOf(string identityFile)
    {
        var (code, output, error) = Run("age-keygen", ["-y", identityFile], []);
        if (code != 0) throw new SecretsException($"age-keygen could not read the identity file {identityFile}: {error.Trim()}");
        return Encoding.ASCII.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Writes a new identity to <paramref name="path"/> (mode 0600) and returns its recipient.</summary>
    public static string NewIdentity(string path)
    {
        var (code, _, error) = Run("age-keygen", ["-o", path], []);
        if (code != 0) throw new SecretsException($"age-keygen could not write {path}: {error.Trim()}");
        return RecipientsOf(path)[0];
    }

    private static (int Code, byte[] Output, string Error) Run(string program, string[] args, byte[] input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception)
        {
            throw new SecretsException($"the '{program}' program is not installed (Debian/Ubuntu: apt-get install age)");
        }
        using (process)
        {
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            copy.GetAwaiter().GetResult();
            return (process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
        }
    }
}
