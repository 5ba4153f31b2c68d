# The AWS provider pointed at teiki. Every service the stack touches is sent to the same
# endpoint; the credentials are any strings (teiki's default `--auth open`), and the
# checks that would reach real AWS (credentials, account id, region list) are skipped.
terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "teiki_endpoint" {
  description = "Where teiki listens."
  type        = string
  default     = "http://127.0.0.1:4566"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

provider "aws" {
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    sts       = var.teiki_endpoint
    iam       = var.teiki_endpoint
    ec2       = var.teiki_endpoint
    ecs       = var.teiki_endpoint
    logs      = var.teiki_endpoint
    events    = var.teiki_endpoint
    scheduler = var.teiki_endpoint
  }
}
