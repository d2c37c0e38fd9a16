using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Attachments;

public static class AttachmentSetup
{
    /// <summary>
    /// The attachment store; each feature whose objects carry files adds its own <see cref="IAttachmentAccess"/>, and may
    /// call this too (registered once).
    /// </summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.TryAddScoped<AttachmentService>();
        return services;
    }
}
