# The AWS provider pointed at teiki. Every service the stack touches is sent to the same
# endpoint; the credentials are any strings under teiki's default `--auth open` (under
# `--auth enforce`, an IAM user's access key: see README.md), and the checks that would
# reach real AWS (credentials, account id, region list) are skipped.
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

variable "access_key" {
  description = "The access key id Terraform signs with (any string under --auth open)."
  type        = string
  default     = "test"
}

variable "secret_key" {
  type      = string
  default   = "test"
  sensitive = true
}

provider "aws" {
  region                      = var.region
  access_key                  = var.access_key
  secret_key                  = var.secret_key
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
