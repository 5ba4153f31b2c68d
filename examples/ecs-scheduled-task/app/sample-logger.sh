#!/bin/sh
# Stands in for the article's `php artisan sample:logger`: a job that logs timestamped
# lines and one multi-line stack trace, then exits 0. The task definition's
# `awslogs-datetime-format` (%Y-%m-%d %H:%M:%S) starts a new log event at each timestamp,
# so the trace below arrives in CloudWatch Logs as one event.
set -eu

ts() { date -u '+%Y-%m-%d %H:%M:%S'; }

echo "$(ts) [INFO] ${1:-sample:logger} started"
echo "$(ts) [INFO] processed 3 records"
echo "$(ts) [ERROR] RuntimeException: record 4 could not be parsed"
echo "Stack trace:"
echo "#0 /app/Console/Commands/SampleLogger.php(42): App\\Parser->parse()"
echo "#1 /app/vendor/laravel/framework/src/Illuminate/Console/Command.php(136): App\\Console\\Commands\\SampleLogger->handle()"
echo "#2 {main}"
echo "$(ts) [INFO] ${1:-sample:logger} finished"
