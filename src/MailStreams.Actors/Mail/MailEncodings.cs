using System.Runtime.CompilerServices;
using System.Text;

namespace MailStreams.Mail;

/// <summary>
/// Makes the legacy code pages (windows-1252, koi8-r, shift_jis, iso-2022-jp…) available to MimeKit. Runs once, when
/// this assembly is first used: MimeKit builds its charset table on first use, so registering later (say, in the
/// parser's constructor) silently decodes some charsets as Latin-1 when any address was parsed before.
/// </summary>
internal static class MailEncodings
{
#pragma warning disable CA2255 // Deliberate: the registration must happen before any MimeKit use in this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
