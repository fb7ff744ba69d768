// The command tree lives in Commands/GradCheckCommand.cs, each subcommand in its own file; CliExit maps every
// parse error to exit code 2 (input in error).
return GradCheck.Cli.Commands.CliExit.Invoke(GradCheck.Cli.Commands.GradCheckCommand.Create(), args);
