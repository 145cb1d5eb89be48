provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/terraform"
  }
}

resource "aws_vpc" "app" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpclattice_service_network" "one" {
  name      = "one"
  auth_type = "AWS_IAM"
}

resource "aws_vpclattice_auth_policy" "one" {
  resource_identifier = aws_vpclattice_service_network.one.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*",
    Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcd1234ef" } } }]
  })
}

resource "aws_cloudwatch_log_group" "lattice" {
  name = "/lattice"
}

resource "aws_vpclattice_access_log_subscription" "one" {
  resource_identifier = aws_vpclattice_service_network.one.id
  destination_arn     = aws_cloudwatch_log_group.lattice.arn
}

resource "aws_vpclattice_service_network_vpc_association" "app" {
  service_network_identifier = aws_vpclattice_service_network.one.id
  vpc_identifier             = aws_vpc.app.id
}

resource "aws_vpclattice_service" "orders" {
  name      = "orders"
  auth_type = "AWS_IAM"
}

resource "aws_vpclattice_auth_policy" "orders" {
  resource_identifier = aws_vpclattice_service.orders.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*",
    Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcd1234ef" } } }]
  })
}

resource "aws_vpclattice_access_log_subscription" "orders" {
  resource_identifier = aws_vpclattice_service.orders.arn
  destination_arn     = aws_cloudwatch_log_group.lattice.arn
}

resource "aws_vpclattice_service_network_service_association" "orders" {
  service_identifier         = aws_vpclattice_service.orders.id
  service_network_identifier = aws_vpclattice_service_network.one.id
}

resource "aws_vpclattice_listener" "orders" {
  name               = "https"
  protocol           = "HTTPS"
  service_identifier = aws_vpclattice_service.orders.id
  default_action {
    forward {
      target_groups {
        target_group_identifier = aws_vpclattice_target_group.orders.id
      }
    }
  }
}

resource "aws_vpclattice_target_group" "orders" {
  name = "orders"
  type = "LAMBDA"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::111111111111:role/orders"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders.zip"
}

resource "aws_vpclattice_target_group_attachment" "orders" {
  target_group_identifier = aws_vpclattice_target_group.orders.id
  target {
    id = aws_lambda_function.orders.arn
  }
}

resource "aws_lambda_permission" "orders" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "vpc-lattice.amazonaws.com"
  source_arn    = aws_vpclattice_target_group.orders.arn
}
