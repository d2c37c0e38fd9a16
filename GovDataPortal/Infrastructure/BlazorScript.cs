using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Serves <c>_framework/blazor.web.js</c>. The package feed lacks the assets package the SDK normally serves it from,
/// so the build embeds the official Microsoft.AspNetCore.Components.Endpoints.dll of runtime package 9.0.22, and the
/// script is read out of that DLL's manifest resources at start-up (docs/decisions/0003-blazor-script-source.md).
/// </summary>
public static class BlazorScript
{
    public const string Path = "/_framework/blazor.web.js";
    private const string HostResource = "BlazorScriptHost.dll";
    private const string ScriptResource = "_framework/blazor.web.js";

    private static readonly Lazy<(byte[] Bytes, string ETag)> Script = new(Load);

    public static byte[] Bytes => Script.Value.Bytes;

    public static IEndpointConventionBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext http) =>
        {
            var (bytes, etag) = Script.Value;
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            if (http.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(bytes, "text/javascript");
        }).AllowAnonymous().ExcludeFromDescription();

    private static (byte[], string) Load()
    {
        using var dll = typeof(BlazorScript).Assembly.GetManifestResourceStream(HostResource)
            ?? throw new InvalidOperationException($"Embedded resource {HostResource} is missing: the build did not download the runtime package.");
        var bytes = ExtractResource(dll, ScriptResource);
        return (bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
    }

    /// <summary>Reads one embedded manifest resource out of a .NET assembly image without loading it.</summary>
    internal static byte[] ExtractResource(Stream assemblyImage, string name)
    {
        using var pe = new PEReader(assemblyImage, PEStreamOptions.PrefetchEntireImage);
        var metadata = pe.GetMetadataReader();
        var resourcesRva = pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != name) continue;
            // Embedded resources sit in the CLI resources directory at their offset: an Int32 length, then the bytes.
            var reader = pe.GetSectionData(resourcesRva + (int)resource.Offset).GetReader();
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }
        throw new InvalidOperationException($"Resource {name} not found in the embedded runtime assembly.");
    }
}
