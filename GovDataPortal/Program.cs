using GovDataPortal.Components;
using GovDataPortal.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPortal(builder.Configuration);

var app = builder.Build();
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

if (app.Configuration.GetValue("Database:MigrateOnStartup", false))
    await Database.MigrateAsync(app.Services);

app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
