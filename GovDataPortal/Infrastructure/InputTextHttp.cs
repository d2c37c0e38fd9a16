using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// The input rule (<see cref="InputText"/>) at the HTTP edge: every string in an API JSON body is cleaned or refused
/// as it is read, and every query and route value under /api before the endpoint binds it. A refusal is a 400 problem
/// details naming the field (the JSON path, the query or route parameter).
/// </summary>
public static class InputTextHttp
{
    public static IServiceCollection AddInputTextRule(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new InputTextJsonConverter()));
        // A body holding a refused character fails to bind: it throws (ApiProtocol sets ThrowOnBadRequest) and
        // ProblemExceptionHandler names the field.
        // The schema exporter cannot see through a custom converter and would describe every string as "anything".
        services.ConfigureAll<OpenApiOptions>(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
                schema.Type = IsNullable(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            return Task.CompletedTask;
        }));
        return services;
    }

    private static bool IsNullable(JsonPropertyInfo? property) =>
        property?.AttributeProvider is PropertyInfo p && new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable;

    /// <summary>Query and route values under /api: refused → 400 naming each parameter; accepted → cleaned.</summary>
    public static IApplicationBuilder UseApiInputText(this IApplicationBuilder app) =>
        app.UseWhen(ApiProtocol.IsApi, api => api.Use(CheckQueryAndRouteAsync));

    private static async Task CheckQueryAndRouteAsync(HttpContext http, RequestDelegate next)
    {
        var errors = new ValidationErrors();
        foreach (var (name, value) in http.Request.RouteValues)
            if (value is string s && InputText.IsRefused(s)) errors.Add(name, InputText.RefusedMessage);

        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var changed = false;
        foreach (var (name, values) in http.Request.Query)
        {
            if (InputText.IsRefused(name))
            {
                errors.Add("query", "查询参数名" + InputText.RefusedMessage);
                continue;
            }
            var cleaned = new string?[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                if (!InputText.TryClean(values[i], out cleaned[i]))
                {
                    errors.Add(name, InputText.RefusedMessage);
                    break;
                }
                changed |= !string.Equals(cleaned[i], values[i], StringComparison.Ordinal);
            }
            query[name] = new StringValues(cleaned);
        }

        // Inside UseExceptionHandler: ProblemExceptionHandler answers the 400 naming each parameter.
        errors.ThrowIfInvalid();
        if (changed) http.Request.Query = new QueryCollection(query);
        await next(http);
    }
}

/// <summary>Cleans every JSON string an API body carries; a refused one fails the read with its JSON path.</summary>
public sealed class InputTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException(); // the same failure the built-in converter reports (wrong type)
        return InputText.TryClean(reader.GetString(), out var cleaned) ? cleaned : throw new InputTextRefusedException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string held a refused character; the serializer adds the path (which field).</summary>
public sealed class InputTextRefusedException() : JsonException(InputText.RefusedMessage);
