using System.Globalization;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Attachments;

/// <summary>Which files the portal accepts as attachments: the listed office, image and archive types, at most 10 MB.</summary>
public static class AttachmentRules
{
    public const string AllowedText = "PDF、JPG、PNG、XLSX、DOCX、ZIP";

    /// <summary>Extension → the content type the portal serves it as (the browser's claim is never trusted).</summary>
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".zip"] = "application/zip",
    };

    /// <summary>For the file picker's accept attribute.</summary>
    public static string Accept => string.Join(",", ContentTypes.Keys);

    public static string SizeHint => $"支持 {AllowedText}，不超过 {SizeText(Attachment.MaxBytes)}";

    public static string? ContentTypeOf(string fileName) =>
        ContentTypes.TryGetValue(Path.GetExtension(fileName), out var type) ? type : null;

    /// <summary>
    /// The name the file is stored and served under: its last path segment under either separator (a browser or
    /// client on Windows may send "C:\x\a.xlsx"; <see cref="Path.GetFileName(string)"/> on Linux splits at "/"
    /// only), cleaned by the input rule. Never a path that could point elsewhere.
    /// </summary>
    public static string StoredName(string? fileName) => InputText.FileName(fileName) ?? "";

    /// <summary>Null when the name and declared size are acceptable, otherwise the Chinese reason.</summary>
    public static string? Check(string? fileName, long length)
    {
        if (InputText.IsRefused(fileName)) return "文件名" + InputText.RefusedMessage;
        var name = StoredName(fileName);
        if (name.Length == 0) return "请选择文件。";
        if (name.Length > 200) return "文件名不能超过200个字符。";
        if (ContentTypeOf(name) is null) return $"不支持该文件类型，仅支持 {AllowedText}。";
        if (length <= 0) return "文件为空。";
        if (length > Attachment.MaxBytes) return $"文件不能超过 {SizeText(Attachment.MaxBytes)}。";
        return null;
    }

    /// <summary>
    /// The first bytes must match the extension, so a renamed executable is not stored as a "pdf". xlsx and docx are
    /// zip packages.
    /// </summary>
    public static bool ContentMatches(string fileName, ReadOnlySpan<byte> content) => ContentTypeOf(fileName) switch
    {
        "application/pdf" => content.StartsWith("%PDF-"u8),
        "image/jpeg" => content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        "image/png" => content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        not null => content.StartsWith("PK"u8),
        null => false,
    };

    public static string SizeText(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " 字节",
    };
}
