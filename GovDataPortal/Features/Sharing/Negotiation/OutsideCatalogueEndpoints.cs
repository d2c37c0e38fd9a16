using System.Text.Json.Serialization;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// Requests for data the shared catalogue does not offer, for the exchange platform on the token-protected <c>/api</c>
/// group: one route, the body's <c>kind</c> (Uncatalogued or Negotiation, by name) choosing the procedure. The service
/// decides everything (data specialists of a department only; the active profile's flow); refusals become problem
/// details (400 naming the camelCase field, 403 for another role). The request is then read at
/// <c>GET /api/share-requests/{id}</c> like any other.
/// </summary>
public static class OutsideCatalogueEndpoints
{
    public static RouteGroupBuilder MapOutsideCatalogueEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/share-requests/outside", Submit).WithTags("共享申请")
            .WithSummary("目录外数据需求（kind=Uncatalogued：providerDepartmentId、dataDescription）或不予共享数据协商（kind=Negotiation："
                + "catalogueEntryId、itemNames）（数据专管员）");
        return api;
    }

    private static async Task<IResult> Submit(OutsideCatalogueService service, ShareRequestDraft request, CancellationToken ct)
    {
        var id = request.Kind switch
        {
            ShareRequestKind.Uncatalogued => await service.RequestUncataloguedAsync(request, ct),
            ShareRequestKind.Negotiation => await service.RequestNegotiationAsync(request, ct),
            _ => throw new ValidationFailedException(new ValidationErrors().Add(KindField,
                "kind 只能为 Uncatalogued（目录外数据需求）或 Negotiation（不予共享数据协商）；目录中可共享的数据请用 POST /api/share-requests 申请。")),
        };
        return TypedResults.Created($"/api/share-requests/{id}", new OutsideCatalogueRequestCreated(id, request.Kind, ShareRequestStatus.InReview));
    }

    private const string KindField = "kind";
}

/// <summary>What the API answers for a new request: its id, and kind and status by name with their Chinese names.</summary>
public sealed record OutsideCatalogueRequestCreated(
    long Id,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareRequestKind>))] ShareRequestKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShareRequestStatus>))] ShareRequestStatus Status)
{
    public string KindName => SharingTexts.KindName(Kind);
    public string StatusName => SharingTexts.StatusName(Status);
}
